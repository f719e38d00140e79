import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitPolicy } from '../config/policy-schema.js';

/**
 * Token bucket for one tool: `burst` calls at once, refilled at `perSecond`. A call without a token
 * waits for one, bounded by its signal (so a rate limit can delay a call but never past its deadline).
 */
export class RateLimiter {
  private tokens: number;
  private readonly capacity: number;
  private last: number;

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = policy.burst ?? Math.max(1, Math.ceil(policy.perSecond));
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes a token if one is free; otherwise returns the ms until one will be. */
  tryTake(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.policy.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.policy.perSecond) * 1000);
  }

  /** Whole tokens left after the last `tryTake` (for `x-ratelimit-remaining`-style answers). */
  get remaining(): number {
    return Math.floor(this.tokens);
  }

  async acquire(signal: AbortSignal): Promise<void> {
    for (let wait = this.tryTake(); wait > 0; wait = this.tryTake()) {
      await sleep(wait, undefined, { signal });
    }
  }
}
