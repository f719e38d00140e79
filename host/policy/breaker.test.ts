import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { BulkheadRejectedError, CircuitState, isBrokenCircuitError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { ERROR_META_KEY } from '../../shared/mcp-meta.js';
import { DEFAULT_CALL_POLICY } from '../config/policy-defaults.js';
import type { BreakerState } from '../events.js';
import { ServerUnavailableError } from '../pool/errors.js';
import { throughBreaker, toolBreaker } from './breaker.js';
import { AttemptTimeoutError, CallCancelledError, DeadlineExceededError } from './errors.js';

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

describe('toolBreaker half-open trial', () => {
  async function halfOpenBreaker() {
    const states: BreakerState[] = [];
    const breaker = toolBreaker({ ...DEFAULT_CALL_POLICY.breaker, threshold: 1, halfOpenAfterMs: 10 }, (s) =>
      states.push(s),
    );
    await breaker.execute(() => Promise.reject(new AttemptTimeoutError(1))).catch(() => undefined);
    await sleep(20);
    return { breaker, states };
  }

  it.each([
    ['cancelled', new CallCancelledError()],
    ['cut by the deadline', new DeadlineExceededError()],
    ['rejected by the bulkhead', new BulkheadRejectedError(1, 0)],
    ['unable to reach the server', new ServerUnavailableError('s', 'down')],
  ])('reopens the circuit when the trial is %s (it proved nothing)', async (_name, error) => {
    const { breaker, states } = await halfOpenBreaker();
    await breaker.execute(() => Promise.reject(error)).catch(() => undefined);
    expect(states).toEqual(['open', 'half-open', 'open']);
  });

  it('closes the circuit when the server answered the trial, even with a caller error', async () => {
    const { breaker, states } = await halfOpenBreaker();
    const invalid = new McpError(ErrorCode.InvalidParams, 'bad arguments');
    await breaker.execute(() => Promise.reject(invalid)).catch(() => undefined);
    await breaker.execute(() => notFound);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('does not count deadline cuts while closed', async () => {
    const breaker = toolBreaker({ ...DEFAULT_CALL_POLICY.breaker, threshold: 1 }, () => undefined);
    await breaker.execute(() => Promise.reject(new DeadlineExceededError())).catch(() => undefined);
    expect(breaker.state).toBe(CircuitState.Closed);
  });
});

describe('throughBreaker', () => {
  it('fails other calls fast while the half-open trial is in flight', async () => {
    const breaker = toolBreaker(
      { ...DEFAULT_CALL_POLICY.breaker, threshold: 1, halfOpenAfterMs: 10 },
      () => {},
    );
    const never = new AbortController().signal;
    await throughBreaker(breaker, () => Promise.reject(new AttemptTimeoutError(1)), never).catch(() => {});
    await sleep(20);
    let finishTrial!: (value: string) => void;
    const trial = throughBreaker(breaker, () => new Promise<string>((r) => (finishTrial = r)), never);
    const other = await throughBreaker(breaker, () => 'not run', never).catch((e: unknown) => e);
    expect(isBrokenCircuitError(other)).toBe(true);
    finishTrial('trial ok');
    expect(await trial).toBe('trial ok');
    expect(await throughBreaker(breaker, () => 'closed again', never)).toBe('closed again');
  });
});
