import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { withBenchEnv } from '../env/bench-env.js';
import { maxTarget } from '../lib/results.js';
import { max } from '../lib/stats.js';
import { nowMs } from '../lib/timing.js';
import { turnRows } from '../lib/turn-rows.js';
import { measureTurns } from '../lib/turns.js';
import { type BenchTool, FOUR_TOOLS, setLatency, turnOf } from '../workload.js';
import { MUST_NOT_THROW, warmUpTurns } from './common.js';
import { pick, type Scenario } from './types.js';

/** How long each tool alone takes through a plain client: the floor no executor can beat. */
async function slowestAlone(client: Client, tools: readonly BenchTool[]): Promise<number> {
  const times: number[] = [];
  for (const t of tools) {
    const began = nowMs();
    await client.callTool({ name: t.tool, arguments: t.input });
    times.push(nowMs() - began);
  }
  return max(times);
}

export const s1SlowTools: Scenario = {
  id: 'S1',
  title: 'classic turn: 4 tools × 2 s each (quick: 0.3 s)',
  async run(ctx) {
    const latencyMs = pick(ctx, { quick: 300, full: 2000 });
    const repetitions = pick(ctx, { quick: 2, full: 3 });
    const policy = {};
    return withBenchEnv(ctx, { policy }, async (env) => {
      const contenders = await env.turnContenders();
      await warmUpTurns(env, contenders);
      await setLatency(env.sim, latencyMs);
      const slowest = await slowestAlone(await env.client('bench-solo'), FOUR_TOOLS);
      const capMs = 4 * latencyMs + 10_000;
      const samples = await measureTurns(contenders, {
        toolUses: turnOf(FOUR_TOOLS, 's1'),
        repetitions,
        capMs,
      });
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
