import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../shared/logger.js';
import type { ServerConfig } from '../config.js';
import { ToolError } from '../tool-error.js';
import { createUpstreamClient } from './upstream-client.js';

/** The upstream client against a local HTTP server standing in for the network edge. */

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Starts a server that sends headers and half a JSON body, then `finish`es the response its way. */
async function halfBodyServer(finish: (res: http.ServerResponse) => void): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"current":', () => finish(res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientFor(base: string, signal: AbortSignal) {
  const config: ServerConfig = {
    upstreams: { geocoding: base, forecast: base, currency: base, stock: base, wikipedia: base },
    upstreamTimeoutMs: 5_000,
    stateDir: '/nonexistent',
  };
  return createUpstreamClient(config, signal, createLogger('upstream-client-test', 'silent'));
}

describe('upstream client', () => {
  it('reports a connection cut mid-body as a retryable unreachable upstream, not a crash', async () => {
    const base = await halfBodyServer((res) => res.socket?.destroy());
    const client = clientFor(base, new AbortController().signal);
    const error = await client.getJson('forecast', '/v1/forecast', z.object({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ kind: 'upstream_unreachable', retryable: true });
    expect((error as ToolError).message).toContain('Open-Meteo forecast');
  });

  it('lets an abort while reading the body through, for the tool wrapper to name', async () => {
    const controller = new AbortController();
    // Shortly after half the body is out, so the client is most likely reading it by then.
    const base = await halfBodyServer(() => setTimeout(() => controller.abort(new Error('cancelled')), 50));
    const client = clientFor(base, controller.signal);
    const error = await client.getJson('forecast', '/v1/forecast', z.object({})).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ToolError);
    expect(controller.signal.aborted).toBe(true);
  });
});
