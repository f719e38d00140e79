import { LRUCache } from 'lru-cache';
import type { HostPolicy } from '../config/policy-schema.js';

export interface CachedValue<T> {
  value: T;
  storedAt: number;
}

/**
 * The host's own last-good results (`lru-cache` with TTL), keyed by `callKey`. Only results of
 * idempotent tools are stored: serving a stale copy of a non-idempotent call would be a lie.
 */
export class LastGoodCache<T extends object> {
  private readonly cache: LRUCache<string, CachedValue<T>> | undefined;

  constructor(
    policy: HostPolicy['cache'],
    private readonly now: () => number = Date.now,
  ) {
    // lru-cache needs max >= 1; max 0 switches the cache off.
    this.cache = policy.max > 0 ? new LRUCache({ max: policy.max, ttl: policy.ttlMs }) : undefined;
  }

  set(key: string, value: T): void {
    this.cache?.set(key, { value, storedAt: this.now() });
  }

  get(key: string): (CachedValue<T> & { ageSeconds: number }) | undefined {
    const hit = this.cache?.get(key);
    if (!hit) return undefined;
    return { ...hit, ageSeconds: Math.max(0, Math.round((this.now() - hit.storedAt) / 1000)) };
  }
}
