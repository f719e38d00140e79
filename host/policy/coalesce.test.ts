import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('Coalescer', () => {
  it('shares one execution between callers with the same key', async () => {
    const coalescer = new Coalescer<string>();
    const gate = deferred<string>();
    let starts = 0;
    const start = () => {
      starts++;
      return gate.promise;
    };
    const a = coalescer.run('k', new AbortController().signal, start);
    const b = coalescer.run('k', new AbortController().signal, start);
    const c = coalescer.run('other', new AbortController().signal, start);
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
    coalescer.run('k', first.signal, start);
    coalescer.run('k', second.signal, start);
    await Promise.resolve();
    first.abort();
    expect(workSignal?.aborted).toBe(false);
    second.abort();
    expect(workSignal?.aborted).toBe(true);
    expect(coalescer.size).toBe(0);
  });
});
