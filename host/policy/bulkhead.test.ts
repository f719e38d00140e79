import { isBulkheadRejectedError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { Bulkhead } from './bulkhead.js';
import { CallCancelledError } from './errors.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('Bulkhead', () => {
  it('runs `concurrency` calls, queues up to `queue` in order, rejects the rest', async () => {
    const bulkhead = new Bulkhead(1, 2);
    const order: string[] = [];
    const first = gate();
    const running = bulkhead.execute(() => first.opened.then(() => order.push('running')));
    const queued = ['q1', 'q2'].map((name) => bulkhead.execute(() => order.push(name)));
    const rejected = await bulkhead.execute(() => 'never').catch((e: unknown) => e);
    expect(isBulkheadRejectedError(rejected)).toBe(true);
    first.open();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['running', 'q1', 'q2']);
  });

  it('lets an aborted waiter leave the queue at once, freeing its place', async () => {
    const bulkhead = new Bulkhead(1, 1);
    const first = gate();
    const running = bulkhead.execute(() => first.opened);
    const caller = new AbortController();
    const abandoned = bulkhead.execute(() => 'never run', caller.signal).catch((e: unknown) => e);
    expect(bulkhead.queued).toBe(1);
    caller.abort(new Error('turn ended'));
    expect(await abandoned).toBeInstanceOf(CallCancelledError);
    expect(bulkhead.queued).toBe(0);
    const fresh = bulkhead.execute(() => 'fresh');
    first.open();
    await running;
    expect(await fresh).toBe('fresh');
  });

  it('refuses a call whose signal is already aborted, and frees the slot after a failure', async () => {
    const bulkhead = new Bulkhead(1, 0);
    const aborted = AbortSignal.abort();
    expect(await bulkhead.execute(() => 'x', aborted).catch((e: unknown) => e)).toBeInstanceOf(
      CallCancelledError,
    );
    await bulkhead.execute(() => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await bulkhead.execute(() => 'slot free')).toBe('slot free');
  });
});
