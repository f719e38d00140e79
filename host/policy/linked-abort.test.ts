import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { linkedAbort } from './linked-abort.js';

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
