import type { CallContender } from '../contenders/types.js';
import { withBenchEnv } from '../env/bench-env.js';
import { type CallRun, runCalls } from '../lib/calls.js';
import { crashRow, maxTarget, minTarget, type Row, row } from '../lib/results.js';
import { median, percentile } from '../lib/stats.js';
import { STOCK, stockInput } from '../workload.js';
import { pick, type Scenario } from './types.js';

const CONCURRENCY = 32;

/** Calls/s per round, and every call's latency over all rounds. */
interface Measured {
  throughput: number[];
  latencies: number[];
  failures: number;
  threw?: string;
}

function collect(into: Measured, run: CallRun, count: number): void {
  into.throughput.push((count / run.wallMs) * 1000);
  into.latencies.push(...run.latenciesMs);
  into.failures += run.failures;
  into.threw ??= run.threw;
}

export const s4Overhead: Scenario = {
  id: 'S4',
  title: `overhead: zero-latency calls at concurrency ${CONCURRENCY}, ours vs raw callTool`,
  async run(ctx) {
    const callsPerRound = pick(ctx, { quick: 1000, full: 3000 });
    const rounds = pick(ctx, { quick: 2, full: 3 });
    // The default per-server limit (5) would queue 27 of the 32 workers and measure the bulkhead, not
    // the overhead: lift it to the workers' count. Everything else is the default policy.
    const policy = { defaults: { concurrency: CONCURRENCY } };
    return withBenchEnv(ctx, { policy }, async (env) => {
      const contenders = await env.callContenders();
      const plan = { tool: STOCK.tool, input: stockInput, concurrency: CONCURRENCY };
      for (const c of contenders) await runCalls(c, { ...plan, count: 300 }); // warm-up, untimed
      const measured = new Map<string, Measured>(
        contenders.map((c) => [c.name, { throughput: [], latencies: [], failures: 0 }]),
      );
      for (let round = 0; round < rounds; round++) {
        // Alternate who goes first, so drift on the shared machine is spread over both.
        const order: CallContender[] = round % 2 === 0 ? contenders : [...contenders].reverse();
        for (const c of order) {
          collect(
            measured.get(c.name) as Measured,
            await runCalls(c, { ...plan, count: callsPerRound }),
            callsPerRound,
          );
        }
      }
      const raw = measured.get('raw-callTool') as Measured;
      const ours = measured.get('ours') as Measured;
      const rows: Row[] = [];
      if (ours.threw && ours.failures === callsPerRound * rounds)
        return { setup: {}, rows: [crashRow('S4', 'ours', ours.threw)] };
      const rawThroughput = median(raw.throughput);
      for (const [name, m] of measured) {
        const throughput = median(m.throughput);
        const p50 = percentile(m.latencies, 50);
        const p99 = percentile(m.latencies, 99);
        const isOurs = name === 'ours';
        rows.push(
          row({
            scenario: 'S4',
            contender: name,
            metric: 'throughput',
            value: throughput,
            unit: 'calls/s',
            ratio: throughput / rawThroughput,
            ratioTo: 'raw',
            target: isOurs ? minTarget(0.9, 0.6, 'ratio', '≥ 0.9× raw (wide: < 0.6×)') : undefined,
            note: m.failures
              ? `${m.failures} failed calls${m.threw ? `: ${m.threw.slice(0, 60)}` : ''}`
              : undefined,
            samples: m.throughput,
          }),
          row({ scenario: 'S4', contender: name, metric: 'latency p50', value: p50, unit: 'ms' }),
          row({ scenario: 'S4', contender: name, metric: 'latency p99', value: p99, unit: 'ms' }),
        );
      }
      const added = (p: number) => percentile(ours.latencies, p) - percentile(raw.latencies, p);
      rows.push(
        row({ scenario: 'S4', contender: 'ours', metric: 'added latency p50', value: added(50), unit: 'ms' }),
        row({ scenario: 'S4', contender: 'ours', metric: 'added latency p99', value: added(99), unit: 'ms' }),
        row({
          scenario: 'S4',
          contender: 'ours',
          metric: 'failed calls',
          value: ours.failures,
          unit: `/${callsPerRound * rounds}`,
          target: maxTarget(0, 0, 'value', '0'),
        }),
      );
      return {
        setup: { callsPerRound, rounds, concurrency: CONCURRENCY, latencyMs: 0, tool: STOCK.tool, policy },
        rows,
      };
    });
  },
};
