import { LRUCache } from 'lru-cache';
import { RateLimiter as TokenBucket } from '../policy/rate-limit.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until one request would be allowed (for `retry-after`); 0 when allowed. */
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * A token bucket per key (per bearer token): `burst` requests at once, refilled at `perSecond` — the
 * host's own per-tool bucket, one per key. Buckets live in an LRU so a flood of distinct keys cannot
 * grow memory without bound.
 */
export class RateLimiter {
  private readonly buckets = new LRUCache<string, TokenBucket>({ max: 10_000 });

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateLimitDecision {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket({ burst: this.burst, perSecond: this.perSecond }, this.now);
      this.buckets.set(key, bucket);
    }
    const waitMs = bucket.tryTake();
    if (waitMs === 0) return { allowed: true, retryAfterSeconds: 0, remaining: bucket.remaining };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
  }
}
