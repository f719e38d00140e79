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

describe('RetryBudget memory', () => {
  it('keeps only the calls inside the window, even when it never retries', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.2, minRetries: 10, windowMs: 100 }, () => now);
    for (let i = 0; i < 100_000; i++) {
      now = i;
      budget.recordCall();
    }
    // 100 calls per window: a few hundred timestamps at most, not one per call ever made.
    expect(budget.heldTimestamps).toBeLessThan(1_000);
    expect(budget.canRetry()).toBe(true);
  });
});
