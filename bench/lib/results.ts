/**
 * What every scenario hands back: rows of figures, some judged against a target. A miss beyond the
 * target's `wide` bound fails the run (exit 1): the targets are tight, the shared VM is noisy, and only a
 * wide miss means something is really broken.
 */

export type Verdict = 'pass' | 'miss' | 'wide-miss' | 'info' | 'crash';

export interface Target {
  /** `max`: the judged figure must be ≤ `limit`; `min`: ≥ `limit`. */
  kind: 'max' | 'min';
  limit: number;
  /** The bound past which a miss is "wide". */
  wide: number;
  /** Which figure is judged. */
  on: 'value' | 'ratio';
  /** How the target reads in the table, e.g. `≤ 1.05×`. */
  label: string;
}

export interface Row {
  scenario: string;
  contender: string;
  metric: string;
  value: number;
  unit: string;
  ratio?: number;
  /** What `ratio` is relative to, e.g. `slowest tool alone`. */
  ratioTo?: string;
  target?: Target;
  verdict: Verdict;
  note?: string;
  /** Raw samples (per repetition) behind `value`, for the JSON file. */
  samples?: number[];
}

export type RowInput = Omit<Row, 'verdict'> & { verdict?: Verdict };

export function judge(target: Target, figure: number): Verdict {
  if (!Number.isFinite(figure)) return 'wide-miss';
  const within = (bound: number) => (target.kind === 'max' ? figure <= bound : figure >= bound);
  if (within(target.limit)) return 'pass';
  return within(target.wide) ? 'miss' : 'wide-miss';
}

/** A row with its verdict: judged when it has a target, `info` otherwise. */
export function row(input: RowInput): Row {
  if (input.verdict) return input as Row;
  if (!input.target) return { ...input, verdict: 'info' };
  const figure = input.target.on === 'ratio' ? (input.ratio ?? Number.NaN) : input.value;
  return { ...input, verdict: judge(input.target, figure) };
}

export function maxTarget(limit: number, wide: number, on: Target['on'], label: string): Target {
  return { kind: 'max', limit, wide, on, label };
}

export function minTarget(limit: number, wide: number, on: Target['on'], label: string): Target {
  return { kind: 'min', limit, wide, on, label };
}

export function crashRow(scenario: string, contender: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return {
    scenario,
    contender,
    metric: 'crashed',
    value: Number.NaN,
    unit: '',
    verdict: 'crash',
    note: message,
  };
}

export function failed(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.verdict === 'wide-miss' || r.verdict === 'crash');
}
