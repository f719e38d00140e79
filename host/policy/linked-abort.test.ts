import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { linkedAbort, untilAborted } from './linked-abort.js';

describe('linkedAbort', () => {
  it('aborts with a parent, or on its own timer (and says which)', async () => {
    const parent = new AbortController();
    const byParent = linkedAbort([parent.signal], 10_000);
    parent.abort('stop');
    expect(byParent.signal.aborted).toBe(true);
    expect(byParent.timedOut).toBe(false);
    byParent.dispose();

    const byTimer = linkedAbort([new AbortController().signal], 5);
    await sleep(20);
    expect(byTimer.signal.aborted).toBe(true);
    expect(byTimer.timedOut).toBe(true);
  });

  it('never aborts after dispose', async () => {
    const parent = new AbortController();
    const link = linkedAbort([parent.signal], 5);
    link.dispose();
    parent.abort();
    await sleep(20);
    expect(link.signal.aborted).toBe(false);
  });
});

describe('untilAborted', () => {
  it('settles with the work when it finishes first, and removes its listener', async () => {
    const controller = new AbortController();
    await expect(untilAborted(Promise.resolve('done'), controller.signal)).resolves.toBe('done');
    controller.abort(new Error('late'));
  });

  it('rejects with the reason as soon as the signal aborts, even if the work never settles', async () => {
    const controller = new AbortController();
    const pending = untilAborted(new Promise(() => {}), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(untilAborted(Promise.resolve(1), controller.signal)).rejects.toThrow('stop');
  });
});
