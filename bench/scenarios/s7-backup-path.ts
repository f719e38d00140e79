import { once } from 'node:events';
import { withBenchEnv } from '../env/bench-env.js';
import { type CallRun, runCalls } from '../lib/calls.js';
import { maxTarget, minTarget, type Row, row } from '../lib/results.js';
import { percentile } from '../lib/stats.js';
import { STOCK, stockInput } from '../workload.js';
import { oursOutcomes } from './common.js';
import { pick, type Scenario } from './types.js';

const CACHED = `${STOCK.tool}_cached`;
const DISTINCT_INPUTS = 10;

function latencyRows(contender: string, what: string, run: CallRun, count: number): Row[] {
  return [
    row({
      scenario: 'S7',
      contender,
      metric: `${what} p50`,
      value: percentile(run.latenciesMs, 50),
      unit: 'ms',
    }),
    row({
      scenario: 'S7',
      contender,
      metric: `${what} p99`,
      value: percentile(run.latenciesMs, 99),
      unit: 'ms',
    }),
    row({
      scenario: 'S7',
      contender,
      metric: `${what} usable`,
      value: count - run.failures,
      unit: `/${count}`,
      target: contender === 'ours' ? minTarget(count, count, 'value', 'all') : undefined,
    }),
  ];
}

export const s7BackupPath: Scenario = {
  id: 'S7',
  title: 'backup path: latency of X_cached, and of a fallback while the breaker is open',
  async run(ctx) {
    const calls = pick(ctx, { quick: 300, full: 1000 });
    return withBenchEnv(ctx, { policy: {} }, async (env) => {
      const [raw, oursCall] = await env.callContenders();
      const ours = await env.ours();
      const sequential = { concurrency: 1, count: calls, input: stockInput };
      // Record a last-good value for every input the backup will be asked for.
      await runCalls(raw, { tool: STOCK.tool, input: stockInput, concurrency: 1, count: DISTINCT_INPUTS });
      await runCalls(raw, { ...sequential, tool: CACHED, count: 100 }); // warm-up
      const rawCached = await runCalls(raw, { ...sequential, tool: CACHED });

      // Open the breaker: the primary fails until the host says the circuit is open.
      await env.sim.setFault(STOCK.route, { status: 500 });
      const opened = once(ours.host.events, 'breaker');
      let tripCalls = 0;
      let isOpen = false;
      void opened.then(() => {
        isOpen = true;
      });
      while (!isOpen && tripCalls < 50) {
        await oursCall.call(STOCK.tool, stockInput(tripCalls));
        tripCalls++;
      }
      const outcomes = oursOutcomes(ours);
      const fallback = await runCalls(oursCall, { ...sequential, tool: STOCK.tool });
      const rawP50 = percentile(rawCached.latenciesMs, 50);
      const fallbackP50 = percentile(fallback.latenciesMs, 50);
      const rows = [
        ...latencyRows('raw-callTool', `${CACHED}`, rawCached, calls),
        ...latencyRows('ours', 'breaker-open fallback', fallback, calls),
        row({
          scenario: 'S7',
          contender: 'ours',
          metric: 'fallback p50 vs raw X_cached',
          value: fallbackP50,
          unit: 'ms',
          ratio: fallbackP50 / rawP50,
          ratioTo: `raw ${CACHED} p50`,
          target: maxTarget(1.5, 3, 'ratio', '≤ 1.5× (wide: > 3×)'),
        }),
      ];
      return {
        setup: {
          calls,
          concurrency: 1,
          policy: 'default (breaker: 5 consecutive failures)',
          breakerOpenedAfterCalls: isOpen ? tripCalls : null,
          oursOutcomes: outcomes.summary(),
        },
        rows,
      };
    });
  },
};
