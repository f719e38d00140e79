import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerState } from '../../host/index.js';
import { type RealHost, startRealHost } from './support/real-server.js';
import { textOf } from './support/test-host.js';

/** Session loss over Streamable HTTP: the server restarts and forgets every session. */
let r: RealHost;
beforeAll(async () => {
  r = await startRealHost('http');
});
afterAll(async () => {
  await r?.close();
});

describe('HTTP server restart', () => {
  it('reconnects with a new session after a 404 and retries the call on it', async () => {
    const states: ServerState[] = [];
    r.host.events.on('server-state', (e) => states.push(e.state));
    expect((await r.host.callTool('get_stock_quote', { symbol: 'NVDA' })).record.outcome).toBe('ok');
    await r.restartHttpServer();
    const { toolResult, record } = await r.host.callTool('get_stock_quote', { symbol: 'AMD' });
    expect(textOf(toolResult)).toContain('AMD');
    expect(record.outcome).toBe('retried-ok');
    expect(record.error).toContain('HTTP session expired (404)');
    expect(states).toEqual(['restarting', 'connected']);
  });
});
