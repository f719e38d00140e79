/**
 * Deterministic pseudo-random numbers seeded by a string (the request's arguments), so the same request
 * always gets the same data and tests can compare answers across calls and restarts.
 */
export interface Seeded {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max), rounded to `decimals`. */
  between(min: number, max: number, decimals?: number): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
}

/** FNV-1a 32-bit hash: small, stable across Node versions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function seeded(...parts: Array<string | number>): Seeded {
  // mulberry32: a tiny PRNG with good enough spread for fake weather and prices.
  let state = hash(parts.join('\u0000'));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
  return {
    next,
    between: (min, max, decimals = 2) => round(min + next() * (max - min), decimals),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
