import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServerState } from '../../host/index.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { spawnHttpChild, waitForExit } from '../server/helpers.js';
import { type RealHost, SERVER, startRealHost, TEST_POLICY } from './support/real-server.js';
import { textOf } from './support/test-host.js';

/** Against the real server over Streamable HTTP (a `server --http --port 0` child). */
let sim: UpstreamSim;
let child: ChildProcess;
let url: string;
let r: RealHost;

function serverEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    RESILIENT_MCP_UPSTREAM_URL: sim.url,
    RESILIENT_MCP_STATE_DIR: `${r?.dir ?? '/tmp'}/state`,
    RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '30000',
    LOG_LEVEL: 'warn',
  };
}

beforeAll(async () => {
  sim = await startUpstreamSim();
  ({ child, url } = await spawnHttpChild([], serverEnv()));
  const tools = { get_wikipedia_summary: { retry: { maxAttempts: 1 } } };
  const policy = { ...TEST_POLICY, servers: { [SERVER]: { ...TEST_POLICY.servers?.[SERVER], tools } } };
  r = await startRealHost({ httpUrl: url, sim, policy });
});
afterAll(async () => {
  await r?.close();
  if (child) {
    child.kill('SIGTERM');
    await waitForExit(child);
  }
  await sim?.close();
});

describe('host against the real server over HTTP', () => {
  it('answers a turn', async () => {
    expect(r.host.isReady()).toBe(true);
    const [result] = await r.host.executeTurn([
      { id: 'a', name: 'get_stock_quote', input: { symbol: 'NVDA' } },
    ]);
    expect(textOf(result ?? {})).toContain('NVDA');
  });

  it('cancels a timed-out request on the server', async () => {
    sim.resetStats();
    sim.setFault('wikipedia', { hang: true });
    const { toolResult, record } = await r.host.callTool('get_wikipedia_summary', { title: 'Tokyo' });
    expect(toolResult.is_error).toBe(true);
    expect(record.outcome).toBe('timeout');
    await vi.waitFor(() => expect(sim.stats().wikipedia?.aborted).toBeGreaterThanOrEqual(1));
    sim.clearFaults();
  });

  it('reconnects with a new session after the server restarts (404 session lost)', async () => {
    const states: ServerState[] = [];
    r.host.events.on('server-state', (e) => states.push(e.state));
    const port = new URL(url).port;
    child.kill('SIGTERM');
    await waitForExit(child);
    ({ child } = await spawnHttpChild(['--port', port], serverEnv()));
    // The first call after the restart hits the dead session; it is retried on a fresh one.
    const { toolResult, record } = await r.host.callTool('get_stock_quote', { symbol: 'AMD' });
    expect(textOf(toolResult)).toContain('AMD');
    expect(record.outcome).toBe('retried-ok');
    expect(record.error).toMatch(/session expired \(404\)|fetch failed/);
    expect(states).toEqual(['restarting', 'connected']);
  });
});
