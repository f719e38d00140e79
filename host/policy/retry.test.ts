import { describe, expect, it } from 'vitest';
import { ERROR_META_KEY } from '../../shared/mcp-meta.js';
import { DEFAULT_CALL_POLICY } from '../config/policy-defaults.js';
import { ConnectionLostError } from '../pool/errors.js';
import { AttemptTimeoutError } from './errors.js';
import { MIN_ATTEMPT_MS, type RetryContext, retryPolicy } from './retry.js';
import { RetryBudget } from './retry-budget.js';

const retryable500 = {
  isError: true,
  content: [],
  _meta: { [ERROR_META_KEY]: { kind: 'upstream_status', retryable: true } },
};

function context(overrides: Partial<RetryContext> = {}): RetryContext & { retries: number[] } {
  const retries: number[] = [];
  return {
    policy: { ...DEFAULT_CALL_POLICY.retry, baseDelayMs: 1, maxDelayMs: 2 },
    idempotent: true,
    deadlineAt: Date.now() + 10_000,
    budget: new RetryBudget({ ratio: 1, minRetries: 100, windowMs: 10_000 }),
    onRetry: (e) => retries.push(e.delayMs),
    retries,
    ...overrides,
  };
}

async function run(
  ctx: RetryContext,
  outcomes: Array<unknown>,
): Promise<{ attempts: number; result: unknown }> {
  let attempts = 0;
  const result = await retryPolicy(ctx)
    .execute(async () => {
      const next = outcomes[Math.min(attempts++, outcomes.length - 1)];
      if (next instanceof Error) throw next;
      return next;
    })
    .catch((error: unknown) => error);
  return { attempts, result };
}

describe('retryPolicy', () => {
  it('retries thrown timeouts and connection losses up to maxAttempts in total', async () => {
    const ctx = context();
    const { attempts, result } = await run(ctx, [
      new AttemptTimeoutError(5),
      new ConnectionLostError('s', 'x'),
      'ok',
    ]);
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(ctx.retries).toHaveLength(2);
    const capped = await run(context(), [new AttemptTimeoutError(5)]);
    expect(capped.attempts).toBe(DEFAULT_CALL_POLICY.retry.maxAttempts);
    expect(capped.result).toBeInstanceOf(AttemptTimeoutError);
  });

  it('retries isError results marked retryable and returns the last one when attempts run out', async () => {
    const { attempts, result } = await run(context({ policy: { ...context().policy, maxAttempts: 2 } }), [
      retryable500,
    ]);
    expect(attempts).toBe(2);
    expect(result).toBe(retryable500);
  });

  it('never retries a non-idempotent tool, a non-retryable error, or past the deadline', async () => {
    expect((await run(context({ idempotent: false }), [new AttemptTimeoutError(5), 'ok'])).attempts).toBe(1);
    expect((await run(context(), [new Error('bug'), 'ok'])).attempts).toBe(1);
    const late = context({ deadlineAt: Date.now() + MIN_ATTEMPT_MS - 1 });
    expect((await run(late, [new AttemptTimeoutError(5), 'ok'])).attempts).toBe(1);
  });

  it('clips backoff delays so the next attempt starts before the deadline', async () => {
    const ctx = context({
      policy: { ...context().policy, baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 'none' },
      deadlineAt: Date.now() + 300,
    });
    const { result } = await run(ctx, [new AttemptTimeoutError(5), 'ok']);
    expect(result).toBe('ok');
    expect(ctx.retries[0]).toBeLessThanOrEqual(300 - MIN_ATTEMPT_MS);
  });

  it('stops when the retry budget is spent', async () => {
    const budget = new RetryBudget({ ratio: 0, minRetries: 1, windowMs: 10_000 });
    expect((await run(context({ budget }), [new AttemptTimeoutError(5)])).attempts).toBe(2);
    expect((await run(context({ budget }), [new AttemptTimeoutError(5)])).attempts).toBe(1);
  });
});
