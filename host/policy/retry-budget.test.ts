import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.js';

describe('RetryBudget', () => {
  it('allows max(minRetries, ratio × calls) retries per window, then recovers', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, minRetries: 1, windowMs: 1_000 }, () => now);
    expect(budget.canRetry()).toBe(true);
    budget.recordRetry();
    expect(budget.canRetry()).toBe(false);
    for (let i = 0; i < 4; i++) budget.recordCall();
    expect(budget.canRetry()).toBe(true); // 0.5 × 4 = 2 > 1
    budget.recordRetry();
    expect(budget.canRetry()).toBe(false);
    now = 1_001;
    expect(budget.canRetry()).toBe(true);
  });
});
