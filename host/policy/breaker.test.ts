import { setTimeout as sleep } from 'node:timers/promises';
import { isBrokenCircuitError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { ERROR_META_KEY } from '../../shared/mcp-meta.js';
import { DEFAULT_CALL_POLICY } from '../config/policy-defaults.js';
import type { BreakerState } from '../events.js';
import { toolBreaker } from './breaker.js';
import { AttemptTimeoutError, CallCancelledError } from './errors.js';

const failingResult = {
  isError: true,
  content: [],
  _meta: { [ERROR_META_KEY]: { kind: 'upstream_status', retryable: true } },
};
const notFound = {
  isError: true,
  content: [],
  _meta: { [ERROR_META_KEY]: { kind: 'not_found', retryable: false } },
};

describe('toolBreaker', () => {
  it('counts thrown failures and failing isError results, opens, half-opens and closes', async () => {
    const states: BreakerState[] = [];
    const breaker = toolBreaker({ ...DEFAULT_CALL_POLICY.breaker, threshold: 2, halfOpenAfterMs: 50 }, (s) =>
      states.push(s),
    );
    await breaker.execute(() => Promise.reject(new AttemptTimeoutError(1))).catch(() => undefined);
    expect(await breaker.execute(() => failingResult)).toBe(failingResult);
    const rejected = await breaker.execute(() => 'ok').catch((e: unknown) => e);
    expect(isBrokenCircuitError(rejected)).toBe(true);
    await sleep(60);
    expect(await breaker.execute(() => 'ok')).toBe('ok');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('ignores cancellations and "not found" answers', async () => {
    const breaker = toolBreaker({ ...DEFAULT_CALL_POLICY.breaker, threshold: 1 }, () => undefined);
    await breaker.execute(() => Promise.reject(new CallCancelledError())).catch(() => undefined);
    await breaker.execute(() => notFound);
    expect(await breaker.execute(() => 'still closed')).toBe('still closed');
  });

  it('supports a failure ratio over a window of calls', async () => {
    const breaker = toolBreaker(
      { ...DEFAULT_CALL_POLICY.breaker, failureRatio: 0.5, window: 4, halfOpenAfterMs: 10_000 },
      () => undefined,
    );
    for (const value of ['ok', failingResult, failingResult, failingResult])
      await breaker.execute(() => value);
    const rejected = await breaker.execute(() => 'ok').catch((e: unknown) => e);
    expect(isBrokenCircuitError(rejected)).toBe(true);
  });
});
