import { describe, expect, it } from 'vitest';
import { LastGoodCache } from './last-good-cache.js';

describe('LastGoodCache', () => {
  it('returns the stored value with its age', () => {
    let now = 1_000_000;
    const cache = new LastGoodCache<{ v: number }>({ ttlMs: 60_000, max: 10 }, () => now);
    cache.set('k', { v: 1 });
    now += 42_000;
    expect(cache.get('k')).toMatchObject({ value: { v: 1 }, storedAt: 1_000_000, ageSeconds: 42 });
    expect(cache.get('other')).toBeUndefined();
  });

  it('evicts least recently used entries beyond max, and max 0 disables it', () => {
    const cache = new LastGoodCache<{ v: number }>({ ttlMs: 60_000, max: 2 });
    cache.set('a', { v: 1 });
    cache.set('b', { v: 2 });
    cache.set('c', { v: 3 });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.value.v).toBe(3);
    const off = new LastGoodCache<{ v: number }>({ ttlMs: 60_000, max: 0 });
    off.set('a', { v: 1 });
    expect(off.get('a')).toBeUndefined();
  });
});
