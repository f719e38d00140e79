import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectHttpClient,
  makeTempDir,
  removeDir,
  runServerToExit,
  spawnHttpChild,
  waitForExit,
} from './helpers.js';
import { INITIALIZE, MCP_HEADERS, rpcError, send } from './raw-http.js';

const TOKEN = 'test-token-0123456789';
const authed = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };

describe('Streamable HTTP hardening', () => {
  let server: Awaited<ReturnType<typeof spawnHttpChild>>;
  let stateDir: string;
  let healthz: string;

  beforeAll(async () => {
    stateDir = await makeTempDir();
    server = await spawnHttpChild(['--state-dir', stateDir], {
      PATH: process.env.PATH ?? '',
      RESILIENT_MCP_TOKEN: TOKEN,
      RESILIENT_MCP_UPSTREAM_URL: 'http://127.0.0.1:9', // never called here
    });
    healthz = server.url.replace(/\/mcp$/, '/healthz');
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    if (server) await waitForExit(server.child);
    await removeDir(stateDir);
  });

  it('listens on loopback and answers /healthz', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const response = await fetch(healthz);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('requires the bearer token', async () => {
    const missing = await send(server.url, 'POST', MCP_HEADERS, JSON.stringify(INITIALIZE));
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(rpcError(missing).error.message).toMatch(/Unauthorized/);
    const wrong = await send(server.url, 'POST', { ...MCP_HEADERS, authorization: 'Bearer nope' }, '{}');
    expect(wrong.status).toBe(401);
    expect(rpcError(wrong)).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { message: /wrong bearer token/ },
    });

    await expect(connectHttpClient(server.url)).rejects.toThrow();
    const client = await connectHttpClient(server.url, TOKEN);
    try {
      expect((await client.listTools()).tools.length).toBe(8);
    } finally {
      await client.close();
    }
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const response = await send(
      server.url,
      'POST',
      { ...authed, host: 'evil.example:80' },
      JSON.stringify(INITIALIZE),
    );
    expect(response.status).toBe(403);
    expect(rpcError(response).error.message).toMatch(/Invalid Host/);
  });

  it('rejects a foreign Origin and accepts a loopback one', async () => {
    const evil = await send(
      server.url,
      'POST',
      { ...authed, origin: 'http://evil.example' },
      JSON.stringify(INITIALIZE),
    );
    expect(evil.status).toBe(403);
    expect(rpcError(evil).error.message).toMatch(/origin http:\/\/evil\.example is not allowed/);
    const local = await send(
      server.url,
      'POST',
      { ...authed, origin: 'http://localhost:6274' },
      JSON.stringify(INITIALIZE),
    );
    expect(local.status).toBe(200);
    expect(local.headers['mcp-session-id']).toBeTruthy();
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:6274');
    const preflight = await send(server.url, 'OPTIONS', { origin: 'http://127.0.0.1:6274' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/mcp-session-id/);
  });

  it('answers bad requests with JSON-RPC errors', async () => {
    const tooLarge = await send(
      server.url,
      'POST',
      authed,
      JSON.stringify({ ...INITIALIZE, pad: 'x'.repeat(200_000) }),
    );
    expect(tooLarge.status).toBe(413);
    expect(rpcError(tooLarge).error.message).toMatch(/over 102400 bytes/);
    const notJson = await send(server.url, 'POST', authed, '{"jsonrpc": ');
    expect(notJson.status).toBe(400);
    expect(rpcError(notJson).error.code).toBe(-32700);
    const noSession = await send(
      server.url,
      'POST',
      authed,
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    expect(noSession.status).toBe(400);
    const unknownSession = await send(
      server.url,
      'POST',
      { ...authed, 'mcp-session-id': 'no-such-session' },
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    expect(unknownSession.status).toBe(404);
    const elsewhere = await send(server.url.replace(/\/mcp$/, '/other'), 'GET', authed);
    expect(elsewhere.status).toBe(404);
    expect(rpcError(elsewhere).error.message).toMatch(/MCP is at \/mcp/);
  });
});

describe('Streamable HTTP binding', () => {
  it('refuses a non-loopback address without a token', async () => {
    const { code, stderr } = await runServerToExit(['--http', '--host', '0.0.0.0', '--port', '0']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/refusing to serve on 0\.0\.0\.0 without a token/);
  });
});
