import type { BenchEnv } from '../env/bench-env.js';
import { withBenchEnv } from '../env/bench-env.js';
import { maxTarget, minTarget, row } from '../lib/results.js';
import { sleep } from '../lib/timing.js';
import { turnRows } from '../lib/turn-rows.js';
import { measureTurns } from '../lib/turns.js';
import { FOUR_TOOLS, STOCK, setLatency, turnOf } from '../workload.js';
import { MUST_NOT_THROW, oursOutcomes, warmUpTurns } from './common.js';
import { pick, type Scenario } from './types.js';

/** Allowed on top of the tool timeout: the fallback call to `X_cached` plus scheduling on a shared VM. */
const OVERHEAD_ALLOWANCE_MS = 300;

/** Whether the hung upstream request was closed (the cancel reached the server and it aborted the fetch). */
async function hungRequestClosed(env: BenchEnv, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const stock = (await env.sim.stats())[STOCK.route];
    if (stock && stock.inFlight === 0 && stock.aborted > 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}

export const s3Hang: Scenario = {
  id: 'S3',
  title: 'one of 4 tools hangs (upstream of get_stock_quote never answers)',
  async run(ctx) {
    const latencyMs = pick(ctx, { quick: 200, full: 300 });
    const toolTimeoutMs = pick(ctx, { quick: 1000, full: 2000 });
    const naiveCapMs = pick(ctx, { quick: 2500, full: 5000 });
    const oursRepetitions = pick(ctx, { quick: 2, full: 3 });
    // Per-attempt timeout for every tool; everything else default (no retry: annotations not trusted).
    const policy = { defaults: { timeoutMs: toolTimeoutMs } };
    return withBenchEnv(ctx, { policy }, async (env) => {
      const contenders = await env.turnContenders();
      await warmUpTurns(env, contenders);
      await setLatency(env.sim, latencyMs);
      await env.sim.setFault(STOCK.route, { hang: true });
      const outcomes = oursOutcomes(await env.ours());
      const toolUses = turnOf(FOUR_TOOLS, 's3');
      const ours = contenders.filter((c) => c.name === 'ours');
      const naive = contenders.filter((c) => c.name !== 'ours');
      // Ours first, while only its own requests reach the hung route, so the cancel check sees only them.
      let cancelled = 0;
      const oursSamples = await measureTurns(ours, {
        toolUses,
        repetitions: oursRepetitions,
        capMs: naiveCapMs + toolTimeoutMs,
        beforeTurn: () => env.sim.resetStats(),
        afterTurn: async () => {
          if (await hungRequestClosed(env, 1000)) cancelled++;
        },
      });
      // The naive ones would wait for the SDK's 60 s default: one capped turn each says all there is,
      // and they wait side by side (each on its own connection) to keep the run short.
      const naiveSamples = (
        await Promise.all(
          naive.map((c) => measureTurns([c], { toolUses, repetitions: 1, capMs: naiveCapMs })),
        )
      ).flat();
      const hangs = (await env.sim.stats())[STOCK.route]?.inFlight ?? 0;
      const rows = turnRows([...naiveSamples, ...oursSamples], {
        scenario: 'S3',
        reference: toolTimeoutMs,
        referenceLabel: 'tool timeout',
        wallTarget: (c) =>
          c === 'ours'
            ? maxTarget(
                toolTimeoutMs + OVERHEAD_ALLOWANCE_MS,
                2 * toolTimeoutMs + OVERHEAD_ALLOWANCE_MS,
                'value',
                `≤ timeout + ${OVERHEAD_ALLOWANCE_MS} ms (wide: > 2 × timeout + ${OVERHEAD_ALLOWANCE_MS})`,
              )
            : undefined,
        usableTarget: (c) => (c === 'ours' ? minTarget(4, 4, 'value', '4 (3 real + 1 fallback)') : undefined),
        mustNotThrow: MUST_NOT_THROW,
        capMs: naiveCapMs,
      });
      rows.push(
        row({
          scenario: 'S3',
          contender: 'ours',
          metric: 'hung request cancelled',
          value: cancelled,
          unit: `/${oursRepetitions} turns`,
          target: minTarget(oursRepetitions, oursRepetitions, 'value', 'every turn (upstream aborted ≤ 1 s)'),
        }),
        row({
          scenario: 'S3',
          contender: 'naive (1–3)',
          metric: 'hung requests left open',
          value: hangs,
          unit: 'at the cap',
        }),
      );
      return {
        setup: {
          latencyMs,
          fault: { route: STOCK.route, hang: true },
          policy,
          naiveCapMs,
          oursRepetitions,
          naiveRepetitions: 1,
          serverUpstreamTimeoutMs: 60_000,
          oursOutcomes: outcomes.summary(),
        },
        rows,
      };
    });
  },
};
