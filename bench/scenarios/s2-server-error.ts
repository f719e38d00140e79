import { withBenchEnv } from '../env/bench-env.js';
import { minTarget } from '../lib/results.js';
import { turnRows } from '../lib/turn-rows.js';
import { measureTurns } from '../lib/turns.js';
import { FOUR_TOOLS, STOCK, setLatency, turnOf } from '../workload.js';
import { MUST_NOT_THROW, oursOutcomes, warmUpTurns } from './common.js';
import { pick, type Scenario } from './types.js';

export const s2ServerError: Scenario = {
  id: 'S2',
  title: 'one of 4 tools answers HTTP 500 (upstream of get_stock_quote)',
  async run(ctx) {
    const latencyMs = pick(ctx, { quick: 200, full: 300 });
    const repetitions = pick(ctx, { quick: 2, full: 3 });
    return withBenchEnv(ctx, { policy: {} }, async (env) => {
      const contenders = await env.turnContenders();
      await warmUpTurns(env, contenders);
      await setLatency(env.sim, latencyMs);
      await env.sim.setFault(STOCK.route, { latencyMs, status: 500 });
      const outcomes = oursOutcomes(await env.ours());
      const capMs = 4 * latencyMs + 20_000;
      const samples = await measureTurns(contenders, {
        toolUses: turnOf(FOUR_TOOLS, 's2'),
        repetitions,
        capMs,
      });
      const rows = turnRows(samples, {
        scenario: 'S2',
        reference: latencyMs,
        referenceLabel: 'one tool’s latency',
        usableTarget: (c) => (c === 'ours' ? minTarget(4, 4, 'value', '4 (3 real + 1 fallback)') : undefined),
        mustNotThrow: MUST_NOT_THROW,
        capMs,
      });
      return {
        setup: {
          latencyMs,
          fault: { route: STOCK.route, status: 500 },
          repetitions,
          policy: 'default',
          oursOutcomes: outcomes.summary(),
        },
        rows,
      };
    });
  },
};
