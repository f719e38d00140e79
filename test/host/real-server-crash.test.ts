import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServerState } from '../../host/index.js';
import { type RealHost, SERVER, startRealHost, TEST_POLICY } from './support/real-server.js';
import { textOf } from './support/test-host.js';

let r: RealHost;
beforeAll(async () => {
  r = await startRealHost('stdio', {
    ...TEST_POLICY,
    defaults: { ...TEST_POLICY.defaults, retry: { maxAttempts: 2, baseDelayMs: 20 } },
  });
});
afterAll(async () => {
  await r?.close();
});

describe('server process killed mid-turn', () => {
  it('answers every pending call, restarts the server, and the next turn works', async () => {
    const states: ServerState[] = [];
    r.host.events.on('server-state', (e) => states.push(e.state));
    const pid = r.host.serverPid(SERVER);
    expect(pid).toBeTypeOf('number');
    r.sim.setFault('forecast', { hang: true });
    r.sim.setFault('currency', { hang: true });
    const started = Date.now();
    const turn = r.host.executeTurn(
      [
        { id: 'w', name: 'get_weather', input: { place: 'Paris' } },
        { id: 'c', name: 'convert_currency', input: { amount: 1, from: 'EUR', to: 'USD' } },
        { id: 'q', name: 'get_stock_quote', input: { symbol: 'AAPL' } },
      ],
      { deadlineMs: 20_000 },
    );
    await vi.waitFor(() => {
      expect(r.sim.stats().forecast?.inFlight).toBe(1);
      expect(r.sim.stats().currency?.inFlight).toBe(1);
    });
    process.kill(pid as number, 'SIGKILL');
    const results = await turn;
    expect(results.map((x) => x.tool_use_id)).toEqual(['w', 'c', 'q']);
    // Nothing waited for the 20 s deadline: the dead child failed the calls at once.
    expect(Date.now() - started).toBeLessThan(10_000);
    await vi.waitFor(() => expect(r.host.isReady()).toBe(true), { timeout: 10_000 });
    expect(r.host.serverPid(SERVER)).not.toBe(pid);
    expect(states).toContain('restarting');
    expect(states.at(-1)).toBe('connected');

    r.sim.clearFaults();
    const next = await r.host.executeTurn([
      { id: 'n', name: 'get_weather', input: { place: 'Berlin', days: 1 } },
    ]);
    expect(next[0]?.is_error).toBeUndefined();
    expect(textOf(next[0] ?? {})).toContain('Berlin');
  });

  it('leaves no child process behind on close', async () => {
    const pid = r.host.serverPid(SERVER) as number;
    await r.host.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
