import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at perSecond', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 2 }, () => now);
    expect(limiter.tryTake()).toBe(0);
    expect(limiter.tryTake()).toBe(0);
    expect(limiter.tryTake()).toBe(500);
    now = 500;
    expect(limiter.tryTake()).toBe(0);
    expect(limiter.tryTake()).toBeGreaterThan(0);
  });

  it('waits for a token, bounded by the signal', async () => {
    const limiter = new RateLimiter({ perSecond: 1000, burst: 1 });
    await limiter.acquire(new AbortController().signal);
    await limiter.acquire(new AbortController().signal); // waits ~1 ms
    const slow = new RateLimiter({ perSecond: 0.001, burst: 1 });
    await slow.acquire(new AbortController().signal);
    await expect(slow.acquire(AbortSignal.timeout(20))).rejects.toThrow();
  });
});
