import { isBulkheadRejectedError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_POLICY, DEFAULT_SERVER_POLICY } from '../config/policy-defaults.js';
import { PolicyState } from './policy-state.js';

describe('PolicyState', () => {
  it('shares one breaker per tool and one bulkhead and budget per server', () => {
    const state = new PolicyState(() => undefined);
    const breaker = DEFAULT_CALL_POLICY.breaker;
    const t = { server: 's', mcpTool: 't', tool: 't' };
    expect(state.breaker(t, breaker)).toBe(state.breaker(t, breaker));
    expect(state.breaker(t, breaker)).not.toBe(state.breaker({ ...t, mcpTool: 'u' }, breaker));
    expect(state.bulkhead('s', DEFAULT_SERVER_POLICY)).toBe(state.bulkhead('s', DEFAULT_SERVER_POLICY));
    expect(state.budget('s', DEFAULT_CALL_POLICY.retry.budget)).toBe(
      state.budget('s', DEFAULT_CALL_POLICY.retry.budget),
    );
  });

  it('bulkhead: runs `concurrency` calls, queues up to `queue`, rejects the rest', async () => {
    const state = new PolicyState(() => undefined);
    const bulkhead = state.bulkhead('s', { ...DEFAULT_SERVER_POLICY, concurrency: 1, queue: 1 });
    let release!: () => void;
    const running = bulkhead.execute(() => new Promise<void>((r) => (release = r)));
    const queued = bulkhead.execute(() => 'queued');
    const rejected = await bulkhead.execute(() => 'never').catch((e: unknown) => e);
    expect(isBulkheadRejectedError(rejected)).toBe(true);
    release();
    await running;
    expect(await queued).toBe('queued');
  });

  it('reports breaker state changes', async () => {
    const seen: unknown[] = [];
    const id = { server: 's', mcpTool: 't', tool: 's__t' };
    const breaker = new PolicyState((e) => seen.push(e)).breaker(id, {
      ...DEFAULT_CALL_POLICY.breaker,
      threshold: 1,
    });
    await breaker.execute(() => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(seen).toEqual([{ tool: 's__t', mcpTool: 't', server: 's', state: 'open' }]);
  });
});
