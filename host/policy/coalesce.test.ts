import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const caller = (deadlineAt = 1_000) => ({ signal: new AbortController().signal, deadlineAt });

describe('Coalescer', () => {
  it('shares one execution between callers with the same key', async () => {
    const coalescer = new Coalescer<string>();
    const gate = deferred<string>();
    let starts = 0;
    const start = () => {
      starts++;
      return gate.promise;
    };
    const a = coalescer.run('k', caller(), start);
    const b = coalescer.run('k', caller(), start);
    const c = coalescer.run('other', caller(), start);
    expect([a.shared, b.shared, c.shared]).toEqual([false, true, false]);
    gate.resolve('v');
    expect(await Promise.all([a.promise, b.promise])).toEqual(['v', 'v']);
    expect(starts).toBe(2);
    expect(coalescer.size).toBe(0);
  });

  it('aborts the shared work only when every caller has left', async () => {
    const coalescer = new Coalescer<string>();
    let workSignal: AbortSignal | undefined;
    const start = (signal: AbortSignal) => {
      workSignal = signal;
      return new Promise<string>(() => undefined);
    };
    const first = new AbortController();
    const second = new AbortController();
    coalescer.run('k', { signal: first.signal, deadlineAt: 1_000 }, start);
    coalescer.run('k', { signal: second.signal, deadlineAt: 1_000 }, start);
    await Promise.resolve();
    first.abort();
    expect(workSignal?.aborted).toBe(false);
    second.abort();
    expect(workSignal?.aborted).toBe(true);
    expect(coalescer.size).toBe(0);
  });

  it("joins only work that runs about as long as the joiner's own deadline", async () => {
    const coalescer = new Coalescer<string>();
    const deadlines: number[] = [];
    const start = (deadlineAt: number) => () => {
      deadlines.push(deadlineAt);
      return new Promise<string>(() => undefined);
    };
    const short = coalescer.run('k', caller(200), start(200));
    const long = coalescer.run('k', caller(10_000), start(10_000));
    const middle = coalescer.run('k', caller(5_000), start(5_000));
    const shorter = coalescer.run('k', caller(100), start(100));
    // A few ms later than the work's deadline (two turns started together) still joins.
    const sameTime = coalescer.run('k', caller(10_005), start(10_005));
    await Promise.resolve();
    expect([short, long, middle, shorter, sameTime].map((c) => c.shared)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(deadlines).toEqual([200, 10_000]);
  });
});
