import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BreakerState } from '../../host/index.js';
import { type Behaviour, FakeMcpServer, hang, slow, toolError } from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost } from './support/test-host.js';

/** The circuit breaker's half-open trial and deadline cuts, through the executor and a real MCP client. */

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const COOL_DOWN_MS = 50;

async function hangingToolHost(timeoutMs: number): Promise<{ t: TestHost; states: BreakerState[] }> {
  const fake = new FakeMcpServer([{ name: 'read', behaviour: hang }]);
  const host = await createFakeHost(
    { fake },
    {
      defaults: {
        timeoutMs,
        retry: { maxAttempts: 1 },
        breaker: { threshold: 1, halfOpenAfterMs: COOL_DOWN_MS },
      },
      servers: { fake: { tools: { read: { idempotent: true } } } },
    },
  );
  const states: BreakerState[] = [];
  host.host.events.on('breaker', (e) => states.push(e.state));
  return { t: host, states };
}

describe('circuit breaker half-open trial', () => {
  it('reopens (does not close) when the trial of a hanging tool is cancelled by a turn abort', async () => {
    const setup = await hangingToolHost(100);
    t = setup.t;
    expect((await t.host.callTool('read', {})).record.outcome).toBe('timeout');
    expect(setup.states).toEqual(['open']);
    await sleep(COOL_DOWN_MS * 3);
    const controller = new AbortController();
    const turn = t.host.executeTurn([{ id: 'trial', name: 'read', input: {} }], {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(setup.states).toEqual(['open', 'half-open']));
    controller.abort();
    expect((await turn)[0]?.is_error).toBe(true);
    await vi.waitFor(() => expect(setup.states).toEqual(['open', 'half-open', 'open']));
  });

  it('reopens when the trial is cut by a turn deadline shorter than the tool timeout', async () => {
    const setup = await hangingToolHost(100);
    t = setup.t;
    await t.host.callTool('read', {});
    await sleep(COOL_DOWN_MS * 3);
    // The tool timeout (100 ms) is never reached: the 40 ms turn deadline cuts the trial first.
    const [result] = await t.host.executeTurn([{ id: 'trial', name: 'read', input: {} }], { deadlineMs: 40 });
    expect(result?.is_error).toBe(true);
    await vi.waitFor(() => expect(setup.states).toEqual(['open', 'half-open', 'open']));
  });

  it('does not make other calls wait for the trial: they fail fast as circuit-open', async () => {
    let calls = 0;
    const failThenHang: Behaviour = (args, signal) =>
      calls++ === 0 ? Promise.resolve(toolError('upstream_status', false)) : hang(args, signal);
    const fake = new FakeMcpServer([{ name: 'read', behaviour: failThenHang }]);
    t = await createFakeHost(
      { fake },
      { defaults: { timeoutMs: 20_000, breaker: { threshold: 1, halfOpenAfterMs: COOL_DOWN_MS } } },
    );
    const states: BreakerState[] = [];
    t.host.events.on('breaker', (e) => states.push(e.state));
    expect((await t.host.callTool('read', {})).record.outcome).toBe('error');
    await sleep(COOL_DOWN_MS * 3);
    const trialCaller = new AbortController();
    const trial = t.host.executeTurn([{ id: 'trial', name: 'read', input: { n: 1 } }], {
      signal: trialCaller.signal,
    });
    await vi.waitFor(() => expect(states).toEqual(['open', 'half-open']));
    // The trial hangs for up to 20 s; the other call must not wait for its verdict.
    const other = t.host.callTool('read', { n: 2 });
    const first = await Promise.race([other, sleep(5_000).then(() => 'still waiting for the trial')]);
    expect(first).toMatchObject({ record: { outcome: 'circuit-open', attempts: 0 } });
    trialCaller.abort();
    await trial;
  });
});

describe('deadline cuts', () => {
  it('never open the breaker of a healthy tool whose turns are too short for it', async () => {
    const fake = new FakeMcpServer([{ name: 'read', behaviour: slow(100, 'fine') }]);
    t = await createFakeHost(
      { fake },
      { defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 2 } } },
    );
    const states: BreakerState[] = [];
    t.host.events.on('breaker', (e) => states.push(e.state));
    for (let i = 0; i < 4; i++) {
      const [result] = await t.host.executeTurn([{ id: `u${i}`, name: 'read', input: {} }], {
        deadlineMs: 5,
      });
      expect(result?.is_error).toBe(true);
    }
    const { record } = await t.host.callTool('read', {});
    expect(record.outcome).toBe('ok');
    expect(states).toEqual([]);
  });
});
