import type { CallContender } from '../contenders/types.js';
import { withBenchEnv } from '../env/bench-env.js';
import { type CallPlan, type CallRun, runCalls } from '../lib/calls.js';
import { crashRow, maxTarget, minTarget, type Row, row } from '../lib/results.js';
import { median, percentile } from '../lib/stats.js';
import { STOCK, stockInput } from '../workload.js';
import { pick, type Scenario } from './types.js';

const CONCURRENCY = 32;
/** Calls per alternation block in the one-at-a-time phase. */
const SERIAL_BLOCK = 50;

/** One contender's runs in one phase. */
class Measured {
  readonly throughput: number[] = [];
  readonly latencies: number[] = [];
  cpuMs = 0;
  calls = 0;
  failures = 0;
  threw: string | undefined;

  add(run: CallRun, count: number): void {
    this.throughput.push((count / run.wallMs) * 1000);
    for (const ms of run.latenciesMs) this.latencies.push(ms);
    this.cpuMs += run.cpuMs;
    this.calls += count;
    this.failures += run.failures;
    this.threw ??= run.threw;
  }

  cpuUsPerCall(): number {
    return (this.cpuMs * 1000) / this.calls;
  }
}

type Phase = Record<'raw' | 'ours', Measured>;

/**
 * Runs both contenders in alternating blocks (who goes first flips every block), so drift on the shared
 * machine lands on both alike.
 */
async function alternate(
  [raw, ours]: readonly [CallContender, CallContender],
  plan: Omit<CallPlan, 'count'>,
  blockSize: number,
  blocks: number,
): Promise<Phase> {
  const phase: Phase = { raw: new Measured(), ours: new Measured() };
  const pair: Array<[CallContender, keyof Phase]> = [
    [raw, 'raw'],
    [ours, 'ours'],
  ];
  for (let block = 0; block < blocks; block++) {
    for (const [contender, key] of block % 2 === 0 ? pair : [...pair].reverse()) {
      phase[key].add(await runCalls(contender, { ...plan, count: blockSize }), blockSize);
    }
  }
  return phase;
}

function latencyRows(label: string, phase: Phase): Row[] {
  const at = (m: Measured, p: number) => percentile(m.latencies, p);
  const rows: Row[] = [];
  for (const p of [50, 99]) {
    rows.push(
      row({
        scenario: 'S4',
        contender: 'raw-callTool',
        metric: `${label} p${p}`,
        value: at(phase.raw, p),
        unit: 'ms',
      }),
      row({
        scenario: 'S4',
        contender: 'ours',
        metric: `${label} p${p}`,
        value: at(phase.ours, p),
        unit: 'ms',
      }),
      row({
        scenario: 'S4',
        contender: 'ours',
        metric: `${label} p${p} added`,
        value: at(phase.ours, p) - at(phase.raw, p),
        unit: 'ms',
      }),
    );
  }
  return rows;
}

export const s4Overhead: Scenario = {
  id: 'S4',
  title: `overhead: zero-latency calls at concurrency ${CONCURRENCY} (and one at a time), ours vs raw callTool`,
  async run(ctx) {
    const callsPerRound = pick(ctx, { quick: 200, full: 400 });
    const rounds = pick(ctx, { quick: 4, full: 12 });
    const serialBlocks = pick(ctx, { quick: 4, full: 10 });
    // The default per-server limit (5) would queue 27 of the 32 workers and measure the bulkhead, not
    // the overhead: lift it to the workers' count. Everything else is the default policy.
    const policy = { defaults: { concurrency: CONCURRENCY } };
    return withBenchEnv(ctx, { policy }, async (env) => {
      const contenders = await env.callContenders();
      const plan = { tool: STOCK.tool, input: stockInput };
      for (const c of contenders) await runCalls(c, { ...plan, concurrency: CONCURRENCY, count: 300 }); // warm-up
      const loaded = await alternate(
        contenders,
        { ...plan, concurrency: CONCURRENCY },
        callsPerRound,
        rounds,
      );
      const serial = await alternate(contenders, { ...plan, concurrency: 1 }, SERIAL_BLOCK, serialBlocks);
      const { raw, ours } = loaded;
      if (ours.threw && ours.failures === ours.calls)
        return { setup: {}, rows: [crashRow('S4', 'ours', ours.threw)] };
      const rawThroughput = median(raw.throughput);
      const oursThroughput = median(ours.throughput);
      // Each block ran both contenders back to back: the median of those paired ratios shrugs off the
      // load swings of a shared machine far better than a ratio of two medians.
      const pairedRatio = median(ours.throughput.map((t, i) => t / (raw.throughput[i] as number)));
      const failed = ours.failures + serial.ours.failures;
      const rows: Row[] = [
        row({
          scenario: 'S4',
          contender: 'raw-callTool',
          metric: 'throughput',
          value: rawThroughput,
          unit: 'calls/s',
          samples: raw.throughput,
        }),
        row({
          scenario: 'S4',
          contender: 'ours',
          metric: 'throughput',
          value: oursThroughput,
          unit: 'calls/s',
          ratio: pairedRatio,
          ratioTo: 'raw (median of paired blocks)',
          target: minTarget(0.9, 0.6, 'ratio', '≥ 0.9× raw (wide: < 0.6×)'),
          samples: ours.throughput,
        }),
        ...latencyRows(`c=${CONCURRENCY} latency`, loaded),
        ...latencyRows('c=1 latency', serial),
        row({
          scenario: 'S4',
          contender: 'raw-callTool',
          metric: 'client CPU per call',
          value: raw.cpuUsPerCall(),
          unit: 'µs',
        }),
        row({
          scenario: 'S4',
          contender: 'ours',
          metric: 'client CPU per call',
          value: ours.cpuUsPerCall(),
          unit: 'µs',
          ratio: ours.cpuUsPerCall() / raw.cpuUsPerCall(),
          ratioTo: 'raw',
        }),
        row({
          scenario: 'S4',
          contender: 'ours',
          metric: 'failed calls',
          value: failed,
          unit: `/${ours.calls + serial.ours.calls}`,
          target: maxTarget(0, 0, 'value', '0'),
          note: ours.threw ?? serial.ours.threw,
        }),
      ];
      return {
        setup: {
          latencyMs: 0,
          tool: STOCK.tool,
          concurrency: CONCURRENCY,
          callsPerRound,
          rounds,
          serialCalls: SERIAL_BLOCK * serialBlocks,
          policy,
        },
        rows,
      };
    });
  },
};
