import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../host/index.js';
import {
  type Behaviour,
  FakeMcpServer,
  failFirst,
  hang,
  ok,
  READ_ONLY,
  toolError,
} from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const FAST_RETRY = { retry: { baseDelayMs: 10, maxDelayMs: 20 } };

async function callOnce(host: TestHost['host'], name: string, input: unknown = {}) {
  return host.callTool(name, input);
}

describe('retries (invariant 5)', () => {
  it('retries a retryable failure of an idempotent tool and succeeds', async () => {
    const fake = new FakeMcpServer([{ name: 'read', behaviour: failFirst(1, ok('fresh')) }]);
    t = await createFakeHost(
      { fake },
      { defaults: FAST_RETRY, servers: { fake: { tools: { read: { idempotent: true } } } } },
    );
    const retries: unknown[] = [];
    t.host.events.on('retry', (e) => retries.push(e));
    const { toolResult, record } = await callOnce(t.host, 'read');
    expect(textOf(toolResult)).toBe('fresh');
    expect(record).toMatchObject({ outcome: 'retried-ok', attempts: 2, ok: true });
    expect(record.error).toContain('upstream returned 500');
    expect(retries).toHaveLength(1);
  });

  it('never retries a tool the policy marks non-idempotent, even with trusted annotations', async () => {
    const fake = new FakeMcpServer([
      { name: 'send', annotations: READ_ONLY, behaviour: failFirst(1, ok('sent')) },
    ]);
    t = await createFakeHost(
      { fake },
      {
        defaults: FAST_RETRY,
        servers: { fake: { trustAnnotations: true, tools: { send: { idempotent: false } } } },
      },
    );
    const { toolResult, record } = await callOnce(t.host, 'send');
    expect(toolResult.is_error).toBe(true);
    expect(record).toMatchObject({ outcome: 'error', attempts: 1 });
    expect(fake.callsOf('send')).toBe(1);
  });

  it('treats annotations of an untrusted server as hints, not permission', async () => {
    const fake = new FakeMcpServer([
      { name: 'read', annotations: READ_ONLY, behaviour: failFirst(1, ok('ok')) },
    ]);
    t = await createFakeHost({ fake }, { defaults: FAST_RETRY });
    const { record } = await callOnce(t.host, 'read');
    expect(record.attempts).toBe(1);
    expect(fake.callsOf('read')).toBe(1);
  });

  it('trusts annotations of a trusted server', async () => {
    const fake = new FakeMcpServer([
      { name: 'read', annotations: READ_ONLY, behaviour: failFirst(1, ok('ok')) },
    ]);
    t = await createFakeHost(
      { fake },
      { defaults: FAST_RETRY, servers: { fake: { trustAnnotations: true } } },
    );
    const { record } = await callOnce(t.host, 'read');
    expect(record).toMatchObject({ outcome: 'retried-ok', attempts: 2 });
  });

  it('does not retry a non-retryable answer and passes it on as is_error', async () => {
    const fake = new FakeMcpServer([
      { name: 'find', behaviour: async () => toolError('not_found', false, 'No place called Atlantis') },
    ]);
    t = await createFakeHost({ fake }, { defaults: { ...FAST_RETRY, idempotent: true } });
    const { toolResult, record } = await callOnce(t.host, 'find');
    expect(toolResult.is_error).toBe(true);
    expect(textOf(toolResult)).toBe('No place called Atlantis');
    expect(record).toMatchObject({ outcome: 'error', attempts: 1 });
  });

  it('stops retrying at the turn deadline', async () => {
    const fake = new FakeMcpServer([{ name: 'stuck', behaviour: hang }]);
    t = await createFakeHost(
      { fake },
      {
        defaults: {
          timeoutMs: 150,
          idempotent: true,
          retry: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 10 },
        },
      },
    );
    const started = Date.now();
    const [result] = await t.host.executeTurn([{ id: 'u', name: 'stuck', input: {} }], { deadlineMs: 400 });
    expect(result?.is_error).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake.callsOf('stuck')).toBeLessThanOrEqual(3);
  });

  it('spends at most the retry budget', async () => {
    const fake = new FakeMcpServer([
      { name: 'down', behaviour: async () => toolError('upstream_status', true) },
    ]);
    t = await createFakeHost(
      { fake },
      {
        defaults: {
          idempotent: true,
          retry: {
            maxAttempts: 3,
            baseDelayMs: 1,
            maxDelayMs: 1,
            budget: { ratio: 0, minRetries: 2, windowMs: 60_000 },
          },
          breaker: { threshold: 100 },
        },
      },
    );
    for (let i = 0; i < 4; i++) await callOnce(t.host, 'down', { i });
    // 4 first attempts + 2 budgeted retries.
    expect(fake.callsOf('down')).toBe(6);
  });
});

describe('circuit breaker (invariant 6)', () => {
  it('opens after repeated failures, short-circuits, and recovers after the cool-down', async () => {
    let healthy = false;
    const flaky: Behaviour = async () =>
      healthy ? { content: [{ type: 'text', text: 'up' }] } : toolError('upstream_status', true);
    const fake = new FakeMcpServer([{ name: 'svc', behaviour: flaky }]);
    t = await createFakeHost(
      { fake },
      { defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 2, halfOpenAfterMs: 200 } } },
    );
    const states: string[] = [];
    t.host.events.on('breaker', (e) => states.push(e.state));
    const outcomes: CallRecord['outcome'][] = [];
    for (let i = 0; i < 3; i++) outcomes.push((await callOnce(t.host, 'svc')).record.outcome);
    expect(outcomes).toEqual(['error', 'error', 'circuit-open']);
    expect(fake.callsOf('svc')).toBe(2);
    const open = await callOnce(t.host, 'svc');
    expect(textOf(open.toolResult)).toContain('circuit breaker open');
    healthy = true;
    await sleep(250);
    const recovered = await callOnce(t.host, 'svc');
    expect(recovered.record.outcome).toBe('ok');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });
});
