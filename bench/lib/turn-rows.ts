import { crashRow, type Row, row, type Target } from './results.js';
import { median } from './stats.js';
import type { TurnSamples } from './turns.js';

export interface TurnRowOptions {
  scenario: string;
  /** Wall-time ratios are taken against this figure (ms). */
  reference: number;
  referenceLabel: string;
  /** A contender's wall-time target, if it has one. */
  wallTarget?: (contender: string) => Target | undefined;
  /** A contender's usable-results target, if it has one. */
  usableTarget?: (contender: string) => Target | undefined;
  /** Contenders that never reject by contract: a rejected turn from them is a crash, not an outcome. */
  mustNotThrow?: readonly string[];
  capMs?: number;
}

/** The wall-time and usable-results rows of a turn scenario, one pair per contender. */
export function turnRows(samples: readonly TurnSamples[], opts: TurnRowOptions): Row[] {
  return samples.flatMap((s) => {
    const threw = s.outcomes.find((o) => o.threw)?.threw;
    if (threw && opts.mustNotThrow?.includes(s.contender))
      return [crashRow(opts.scenario, s.contender, threw)];
    const wall = median(s.wallMs);
    const notes = [
      s.capped ? `capped at ${opts.capMs} ms (${s.capped}/${s.wallMs.length})` : '',
      threw ? `turn rejected: ${threw.slice(0, 60)}` : '',
    ].filter(Boolean);
    const note = notes.length ? notes.join('; ') : undefined;
    const usable = median(s.outcomes.map((o) => o.usable));
    return [
      row({
        scenario: opts.scenario,
        contender: s.contender,
        metric: 'wall',
        value: wall,
        unit: 'ms',
        ratio: wall / opts.reference,
        ratioTo: opts.referenceLabel,
        target: opts.wallTarget?.(s.contender),
        note,
        samples: s.wallMs,
      }),
      row({
        scenario: opts.scenario,
        contender: s.contender,
        metric: 'usable results',
        value: usable,
        unit: `/${s.outcomes[0]?.total ?? 0}`,
        target: opts.usableTarget?.(s.contender),
        samples: s.outcomes.map((o) => o.usable),
      }),
    ];
  });
}
