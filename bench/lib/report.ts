import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GitInfo, MachineInfo } from './machine.js';
import type { Row, Target, Verdict } from './results.js';
import { round } from './stats.js';

export interface ScenarioResult {
  id: string;
  title: string;
  setup: Record<string, unknown>;
  durationMs: number;
  rows: Row[];
}

export interface BenchResults {
  mode: 'quick' | 'full';
  transport: string;
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  git: GitInfo;
  /** What "wide" means for the exit code (see README). */
  failurePolicy: string;
  scenarios: ScenarioResult[];
  failures: Array<Pick<Row, 'scenario' | 'contender' | 'metric' | 'verdict' | 'note'>>;
  /** Process warnings by name, with how often each was raised. */
  warnings: Record<string, number>;
}

const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'PASS',
  miss: 'miss',
  'wide-miss': 'FAIL (wide miss)',
  info: '',
  crash: 'FAIL (crash)',
};

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = round(value);
  return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString('en-US') : String(rounded);
}

function formatFigure(r: Row): string {
  if (r.verdict === 'crash') return '—';
  return r.unit.startsWith('/')
    ? `${formatNumber(r.value)}${r.unit}`
    : `${formatNumber(r.value)} ${r.unit}`.trim();
}

function formatRatio(r: Row): string {
  if (r.ratio === undefined) return '';
  return `${formatNumber(r.ratio)}× ${r.ratioTo ?? ''}`.trim();
}

function formatTarget(t: Target | undefined): string {
  return t ? t.label : '';
}

/** The stdout table: one block per scenario, one line per figure. */
export function renderTable(results: BenchResults): string {
  const header = ['scenario', 'contender', 'metric', 'figure', 'ratio', 'target', 'result', 'note'];
  const lines: string[][] = [header];
  for (const s of results.scenarios) {
    for (const r of s.rows) {
      lines.push([
        s.id,
        r.contender,
        r.metric,
        formatFigure(r),
        formatRatio(r),
        formatTarget(r.target),
        VERDICT_LABEL[r.verdict],
        r.note ?? '',
      ]);
    }
  }
  const widths = header.map((_, col) => Math.max(...lines.map((l) => (l[col] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body: string[] = [render(header), rule];
  let previous = '';
  for (const l of lines.slice(1)) {
    if (l[0] !== previous && previous !== '') body.push('');
    previous = l[0] ?? '';
    body.push(render(l));
  }
  const titles = results.scenarios.map(
    (s) => `  ${s.id}  ${s.title}  (${formatNumber(s.durationMs / 1000)} s)`,
  );
  const m = results.machine;
  const warned = Object.entries(results.warnings).map(([name, n]) => `${name} × ${n}`);
  return [
    `resilient-mcp bench (${results.mode}, ${results.transport}) — ${m.cpus} × ${m.cpuModel}, ${m.memTotalMb} MB, ${m.os}, Node ${m.node}, ${results.git.commit.slice(0, 10)}${results.git.dirty ? ' (dirty tree)' : ''}`,
    ...titles,
    '',
    ...body,
    '',
    ...(warned.length ? [`process warnings: ${warned.join(', ')} (first of each printed on stderr)`] : []),
    results.failures.length === 0
      ? `OK: no crash, no wide miss (${formatNumber(results.durationMs / 1000)} s)`
      : `FAILED: ${results.failures.map((f) => `${f.scenario} ${f.contender} ${f.metric}: ${VERDICT_LABEL[f.verdict]}`).join('; ')}`,
    '',
  ].join('\n');
}

/** Writes the JSON results atomically (temp file + rename), so a killed run never leaves half a file. */
export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(results, null, 2)}\n`);
  await rename(temp, file);
}
