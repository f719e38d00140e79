import { withBenchEnv } from '../env/bench-env.js';
import { maxTarget } from '../lib/results.js';
import { max, median } from '../lib/stats.js';
import { turnRows } from '../lib/turn-rows.js';
import { measureTurns } from '../lib/turns.js';
import { FOUR_TOOLS, setLatency, turnOf } from '../workload.js';
import { MUST_NOT_THROW, warmUpTurns } from './common.js';
import { pick, type Scenario } from './types.js';

/** Per-tool times of the sequential contender's calls (each runs alone): the floor no executor can beat. */
function soloTimes() {
  const byTool = new Map<string, number[]>();
  return {
    record(tool: string, ms: number) {
      byTool.set(tool, [...(byTool.get(tool) ?? []), ms]);
    },
    /** The slowest tool's median time alone. */
    slowest: () => max([...byTool.values()].map(median)),
  };
}

export const s1SlowTools: Scenario = {
  id: 'S1',
  title: 'classic turn: 4 tools × 2 s each (quick: 0.3 s)',
  async run(ctx) {
    const latencyMs = pick(ctx, { quick: 300, full: 2000 });
    const repetitions = pick(ctx, { quick: 2, full: 3 });
    const policy = {};
    return withBenchEnv(ctx, { policy }, async (env) => {
      const solo = soloTimes();
      let timing = false; // not during the warm-up
      const contenders = await env.turnContenders((tool, ms) => timing && solo.record(tool, ms));
      await warmUpTurns(env, contenders);
      await setLatency(env.sim, latencyMs);
      timing = true;
      const capMs = 4 * latencyMs + 10_000;
      const samples = await measureTurns(contenders, {
        toolUses: turnOf(FOUR_TOOLS, 's1'),
        repetitions,
        capMs,
      });
      const slowest = solo.slowest();
      const rows = turnRows(samples, {
        scenario: 'S1',
        reference: slowest,
        referenceLabel: 'slowest tool alone',
        wallTarget: (c) =>
          c === 'ours' ? maxTarget(1.05, 1.5, 'ratio', '≤ 1.05× (wide: > 1.5×)') : undefined,
        mustNotThrow: MUST_NOT_THROW,
        capMs,
      });
      return {
        setup: { latencyMs, repetitions, slowestToolAloneMs: slowest, policy: 'default', capMs },
        rows,
      };
    });
  },
};
