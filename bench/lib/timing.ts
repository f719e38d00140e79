import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export function nowMs(): number {
  return performance.now();
}

export type Capped<T> = { capped: false; value: T; ms: number } | { capped: true; ms: number };

/**
 * Times `run` and stops waiting after `capMs`: naive contenders have no timeout of their own (the SDK's
 * default is 60 s), so the bench caps them instead of sitting out a hang. The capped promise is left to
 * settle on its own; scenarios that cap tear their server down afterwards.
 */
export async function timeCapped<T>(run: () => Promise<T>, capMs: number): Promise<Capped<T>> {
  const start = nowMs();
  const cap = new AbortController();
  const work = run().then((value) => ({ capped: false as const, value }));
  const timer = sleep(capMs, { capped: true as const }, { signal: cap.signal }).catch(() => ({
    capped: true as const,
  }));
  try {
    const outcome = await Promise.race([work, timer]);
    return { ...outcome, ms: nowMs() - start };
  } finally {
    cap.abort();
  }
}
