import { limitedParallelContender } from '../contenders/naive.js';
import type { BenchToolUse } from '../contenders/types.js';
import { withBenchEnv } from '../env/bench-env.js';
import type { Sim } from '../env/sim.js';
import { maxTarget, row } from '../lib/results.js';
import { max, median } from '../lib/stats.js';
import { sleep } from '../lib/timing.js';
import { turnRows } from '../lib/turn-rows.js';
import { measureTurns } from '../lib/turns.js';
import { STOCK, stockInput } from '../workload.js';
import { MUST_NOT_THROW, warmUpTurns } from './common.js';
import { pick, type Scenario } from './types.js';

const BLOCKS = 100;
const SERVER_LIMIT = 5;

/** Samples the simulator's in-flight gauge while a turn runs: how many requests a contender had open at once. */
function watchConcurrency(sim: Sim): { stop(): Promise<number> } {
  let running = true;
  const seen: number[] = [];
  const loop = (async () => {
    while (running) {
      seen.push((await sim.stats())[STOCK.route]?.inFlight ?? 0);
      await sleep(5);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max(seen);
    },
  };
}

export const s5FanOut: Scenario = {
  id: 'S5',
  title: `fan-out: one turn of ${BLOCKS} tool_use blocks, server limit ${SERVER_LIMIT} (floor: plain calls ${SERVER_LIMIT} at a time)`,
  async run(ctx) {
    const latencyMs = pick(ctx, { quick: 30, full: 100 });
    const repetitions = pick(ctx, { quick: 1, full: 2 });
    const ideal = (BLOCKS / SERVER_LIMIT) * latencyMs;
    // The default policy's per-server limit is 5; stated explicitly so the scenario keeps its meaning.
    const policy = { defaults: { concurrency: SERVER_LIMIT } };
    return withBenchEnv(ctx, { policy }, async (env) => {
      const floor = limitedParallelContender(await env.client('bench-limited'), SERVER_LIMIT);
      const contenders = [...(await env.turnContenders()), floor];
      await warmUpTurns(env, contenders);
      await env.sim.setFault(STOCK.route, { latencyMs });
      const toolUses: BenchToolUse[] = Array.from({ length: BLOCKS }, (_, i) => ({
        id: `toolu_bench_s5_${i}`,
        name: STOCK.tool,
        input: stockInput(i),
      }));
      const peaks = new Map<string, number[]>();
      let watch: ReturnType<typeof watchConcurrency> | undefined;
      const capMs = BLOCKS * latencyMs + 10_000;
      const samples = await measureTurns(contenders, {
        toolUses,
        repetitions,
        capMs,
        beforeTurn: () => {
          watch = watchConcurrency(env.sim);
        },
        afterTurn: async (name) => {
          const peak = (await watch?.stop()) ?? 0;
          peaks.set(name, [...(peaks.get(name) ?? []), peak]);
        },
      });
      const rows = turnRows(samples, {
        scenario: 'S5',
        reference: ideal,
        referenceLabel: `ideal (${BLOCKS}/${SERVER_LIMIT} × latency)`,
        mustNotThrow: MUST_NOT_THROW,
        capMs,
      });
      // The nominal ideal leaves out the server's own time per call; plain calls 5 at a time show what
      // this server allows, so our bulkhead is judged against that floor.
      const wallOf = (name: string) => median(samples.find((s) => s.contender === name)?.wallMs ?? []);
      const oursWall = wallOf('ours');
      rows.push(
        row({
          scenario: 'S5',
          contender: 'ours',
          metric: 'wall vs floor',
          value: oursWall,
          unit: 'ms',
          ratio: oursWall / wallOf(floor.name),
          ratioTo: floor.name,
          target: maxTarget(1.15, 1.5, 'ratio', '≤ 1.15× floor (wide: > 1.5×)'),
        }),
      );
      for (const [contender, seen] of peaks) {
        rows.push(
          row({
            scenario: 'S5',
            contender,
            metric: 'peak upstream concurrency',
            value: max(seen),
            unit: '',
            target:
              contender === 'ours'
                ? maxTarget(SERVER_LIMIT, SERVER_LIMIT, 'value', `≤ ${SERVER_LIMIT} (the limit)`)
                : undefined,
          }),
        );
      }
      return { setup: { blocks: BLOCKS, latencyMs, idealMs: ideal, repetitions, policy }, rows };
    });
  },
};
