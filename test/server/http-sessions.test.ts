import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import {
  connectHttpClient,
  makeTempDir,
  removeDir,
  spawnHttpChild,
  waitFor,
  waitForExit,
} from './helpers.js';
import { INITIALIZE, MCP_HEADERS, type RawResponse, rpcError, send } from './raw-http.js';

const MAX_SESSIONS = 2;

describe('Streamable HTTP session pool (RESILIENT_MCP_HTTP_MAX_SESSIONS=2)', () => {
  let sim: UpstreamSim;
  let server: Awaited<ReturnType<typeof spawnHttpChild>>;
  let stateDir: string;

  beforeEach(async () => {
    sim = await startUpstreamSim({ faults: { wikipedia: { hang: true } } });
    stateDir = await makeTempDir();
    server = await spawnHttpChild(['--state-dir', stateDir], {
      PATH: process.env.PATH ?? '',
      RESILIENT_MCP_UPSTREAM_URL: sim.url,
      RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '60000', // only a cancellation ends a hanging call
      RESILIENT_MCP_HTTP_MAX_SESSIONS: String(MAX_SESSIONS),
    });
  });
  afterEach(async () => {
    server?.child.kill('SIGTERM');
    if (server) await waitForExit(server.child);
    await sim?.close();
    await removeDir(stateDir);
  });

  /** A client that initializes and never sends DELETE, as MCP Inspector's CLI does. */
  const initialize = () => send(server.url, 'POST', MCP_HEADERS, JSON.stringify(INITIALIZE));
  const sessionOf = (response: RawResponse) => response.headers['mcp-session-id'] as string;
  const listTools = (sessionId: string) =>
    send(
      server.url,
      'POST',
      { ...MCP_HEADERS, 'mcp-session-id': sessionId },
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
  const sessionCount = async () =>
    ((await (await fetch(server.url.replace(/\/mcp$/, '/healthz'))).json()) as { sessions: number }).sessions;

  it('makes room for a new client by closing the least recently used idle session', async () => {
    const a = sessionOf(await initialize());
    const b = sessionOf(await initialize());
    expect((await listTools(a)).status).toBe(200); // a is now more recent than b

    const c = await initialize();
    expect(c.status).toBe(200);
    expect(await sessionCount()).toBe(MAX_SESSIONS);
    const evicted = await listTools(b);
    expect(evicted.status).toBe(404);
    expect(rpcError(evicted).error.code).toBe(-32001);
    expect((await listTools(a)).status).toBe(200);
    expect((await listTools(sessionOf(c))).status).toBe(200);
  });

  it('answers 503 only while every session is busy, and admits clients again once one is idle', async () => {
    const clients: Client[] = [];
    const calls: Array<{ abort: AbortController; done: Promise<unknown> }> = [];
    try {
      for (let i = 0; i < MAX_SESSIONS; i += 1) {
        const client = await connectHttpClient(server.url);
        clients.push(client);
        const abort = new AbortController();
        const done = client
          .callTool({ name: 'get_wikipedia_summary', arguments: { title: 'Berlin' } }, undefined, {
            signal: abort.signal,
          })
          .catch(() => undefined);
        calls.push({ abort, done });
      }
      await waitFor(() => sim.stats().wikipedia.inFlight === MAX_SESSIONS, 10_000, 'both calls to run');

      const refused = await initialize();
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(rpcError(refused).error).toMatchObject({
        code: -32004,
        message: expect.stringMatching(/all busy/),
      });
      expect(await sessionCount()).toBe(MAX_SESSIONS);

      // The clients give up and go away without DELETE: their sessions stay, but idle.
      for (const call of calls) call.abort.abort('gave up');
      await Promise.all(calls.map((call) => call.done));
      await Promise.all(clients.splice(0).map((client) => client.close()));
      // Once the server has seen their connections close, the next newcomer gets in.
      const statuses: number[] = [];
      const admitted = async () => {
        const { status } = await initialize();
        statuses.push(status);
        return status === 200;
      };
      await waitFor(admitted, 5000, 'a new client to be admitted');
      expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
      expect(await sessionCount()).toBe(MAX_SESSIONS);
    } finally {
      for (const call of calls) call.abort.abort('test over');
      await Promise.all(clients.map((client) => client.close()));
    }
  });
});
