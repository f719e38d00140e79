import { setImmediate as tick } from 'node:timers/promises';

export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
}

const MB = 2 ** 20;

/**
 * Memory after full collections. Two passes with a turn of the event loop between them, so objects
 * released by the first pass's finalizers and pending callbacks are gone too. Needs `--expose-gc`
 * (bench/run.ts re-runs itself with it).
 */
export async function settledMemory(): Promise<MemorySnapshot> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('bench: memory figures need node --expose-gc');
  for (let pass = 0; pass < 3; pass++) {
    gc();
    await tick();
  }
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
}
