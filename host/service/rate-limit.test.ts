import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with a retry-after until the bucket refills', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 0.5, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
    now += 1000; // half a token
    expect(limiter.take('a').allowed).toBe(false);
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('reports the whole tokens left after an allowed request', () => {
    const limiter = new RateLimiter(3, 1, () => 0);
    expect(limiter.take('a')).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
    expect(limiter.take('a').remaining).toBe(1);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(1, 1, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never refills beyond the burst', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 10, () => now);
    now += 60_000;
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });
});
