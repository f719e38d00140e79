import { gitInfo, machineInfo } from './lib/machine.js';
import { type BenchResults, renderTable, type ScenarioResult, writeResults } from './lib/report.js';
import { crashRow, failed } from './lib/results.js';
import { nowMs } from './lib/timing.js';
import { watchWarnings } from './lib/warnings.js';
import { parseBenchOptions, USAGE } from './options.js';
import { repoRoot } from './paths.js';
import { scenarios } from './scenarios/index.js';
import type { BenchContext } from './scenarios/types.js';

export const FAILURE_POLICY =
  'exit 1 when a contender crashes or a target is missed widely: past the `wide` bound listed per target in bench/README.md';

/** Runs the selected scenarios one after another and reports; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseBenchOptions>;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const selected = scenarios.filter((s) => !options.only || options.only.includes(s.id));
  const ctx: BenchContext = {
    quick: options.quick,
    transport: options.transport,
    progress: (message) => process.stderr.write(`bench: ${message}\n`),
  };
  const warnings = watchWarnings((text) => ctx.progress(text));
  const startedAt = new Date();
  const start = nowMs();
  const machine = machineInfo();
  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    ctx.progress(`${scenario.id} ${scenario.title}`);
    const began = nowMs();
    try {
      const report = await scenario.run(ctx);
      results.push({ id: scenario.id, title: scenario.title, ...report, durationMs: nowMs() - began });
    } catch (error) {
      ctx.progress(`${scenario.id} crashed: ${(error as Error).stack ?? String(error)}`);
      const rows = [crashRow(scenario.id, 'harness', error)];
      results.push({ id: scenario.id, title: scenario.title, setup: {}, rows, durationMs: nowMs() - began });
    }
  }
  const failures = failed(results.flatMap((s) => s.rows)).map(
    ({ scenario, contender, metric, verdict, note }) => ({
      scenario,
      contender,
      metric,
      verdict,
      note,
    }),
  );
  const bench: BenchResults = {
    mode: options.quick ? 'quick' : 'full',
    transport: options.transport,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(nowMs() - start),
    machine,
    git: gitInfo(repoRoot),
    failurePolicy: FAILURE_POLICY,
    scenarios: results,
    failures,
    warnings: warnings(),
  };
  await writeResults(options.out, bench);
  process.stdout.write(renderTable(bench));
  process.stdout.write(`results: ${options.out}\n`);
  return failures.length === 0 ? 0 : 1;
}
