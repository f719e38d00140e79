import type { CallContender } from '../contenders/types.js';
import { withBenchEnv } from '../env/bench-env.js';
import { runCalls } from '../lib/calls.js';
import { type MemorySnapshot, settledMemory } from '../lib/memory.js';
import { maxTarget, type Row, row } from '../lib/results.js';
import { STOCK, stockInput } from '../workload.js';
import { pick, type Scenario } from './types.js';

const CONCURRENCY = 32;
const BASELINE_CALLS = 1000;

/** Bounds on growth between the 1k and the last snapshot (see bench/README.md for why these numbers). */
const HEAP_LIMIT_MB = 4;
const HEAP_WIDE_MB = 16;
const RSS_LIMIT_MB = 32;
const RSS_WIDE_MB = 96;

interface Growth {
  after1k: MemorySnapshot;
  afterAll: MemorySnapshot;
  failures: number;
}

async function growth(contender: CallContender, totalCalls: number): Promise<Growth> {
  const plan = { tool: STOCK.tool, input: stockInput, concurrency: CONCURRENCY, keepLatencies: false };
  let failures = (await runCalls(contender, { ...plan, count: BASELINE_CALLS })).failures;
  const after1k = await settledMemory();
  failures += (await runCalls(contender, { ...plan, count: totalCalls - BASELINE_CALLS })).failures;
  return { after1k, afterAll: await settledMemory(), failures };
}

export const s6Memory: Scenario = {
  id: 'S6',
  title: 'memory: RSS and heap after 20k calls vs after 1k (quick: 2k)',
  async run(ctx) {
    const totalCalls = pick(ctx, { quick: 2000, full: 20_000 });
    // The raw client's growth is only the yardstick (the SDK's own share), so fewer calls do.
    const rawCalls = pick(ctx, { quick: 1500, full: 5000 });
    const policy = { defaults: { concurrency: CONCURRENCY } };
    return withBenchEnv(ctx, { policy }, async (env) => {
      const rows: Row[] = [];
      const setup: Record<string, unknown> = {
        totalCalls,
        baselineCalls: BASELINE_CALLS,
        concurrency: CONCURRENCY,
        policy,
      };
      // Raw first: its growth is the SDK's own, the yardstick for ours in the same process.
      for (const contender of await env.callContenders()) {
        const isOurs = contender.name === 'ours';
        const calls = isOurs ? totalCalls : rawCalls;
        const g = await growth(contender, calls);
        const heap = g.afterAll.heapUsedMb - g.after1k.heapUsedMb;
        const rss = g.afterAll.rssMb - g.after1k.rssMb;
        setup[contender.name] = g;
        rows.push(
          row({
            scenario: 'S6',
            contender: contender.name,
            metric: 'heap growth',
            value: heap,
            unit: 'MB',
            note: `${Math.round((heap * 2 ** 20) / (calls - BASELINE_CALLS))} B/call over ${calls} calls`,
            target: isOurs
              ? maxTarget(
                  HEAP_LIMIT_MB,
                  HEAP_WIDE_MB,
                  'value',
                  `≤ ${HEAP_LIMIT_MB} MB (wide: > ${HEAP_WIDE_MB})`,
                )
              : undefined,
          }),
          row({
            scenario: 'S6',
            contender: contender.name,
            metric: 'RSS growth',
            value: rss,
            unit: 'MB',
            target: isOurs
              ? maxTarget(RSS_LIMIT_MB, RSS_WIDE_MB, 'value', `≤ ${RSS_LIMIT_MB} MB (wide: > ${RSS_WIDE_MB})`)
              : undefined,
          }),
          row({
            scenario: 'S6',
            contender: contender.name,
            metric: 'failed calls',
            value: g.failures,
            unit: `/${calls}`,
            target: isOurs ? maxTarget(0, 0, 'value', '0') : undefined,
          }),
        );
      }
      return { setup, rows };
    });
  },
};
