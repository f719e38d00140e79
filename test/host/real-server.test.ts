import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../host/index.js';
import { policyWithTools, type RealHost, startRealHost } from './support/real-server.js';
import { textOf } from './support/test-host.js';

/**
 * The scenarios against the real server, as a stdio child and over Streamable HTTP, with faults
 * injected by the upstream simulator.
 */
describe.each(['stdio', 'http'] as const)('host against the real server over %s', (transport) => {
  let r: RealHost;
  let records: CallRecord[];

  beforeAll(async () => {
    r = await startRealHost(
      transport,
      policyWithTools({
        get_weather: { timeoutMs: 1_000, retry: { maxAttempts: 2 } },
        get_wikipedia_summary: { timeoutMs: 20_000 },
        get_stock_quote: { idempotent: false },
        convert_currency: { retry: { maxAttempts: 1 }, breaker: { threshold: 2, halfOpenAfterMs: 800 } },
      }),
    );
    r.host.events.on('call-end', (record) => records.push(record));
  });
  afterAll(async () => {
    await r?.close();
  });
  beforeEach(() => {
    records = [];
    r.sim.clearFaults();
    r.sim.resetStats();
  });

  it('lists the visible tools (backups hidden) and answers a parallel turn', async () => {
    expect(r.host.isReady()).toBe(true);
    expect(r.host.anthropicTools().map((t) => t.name)).toEqual([
      'get_weather',
      'convert_currency',
      'get_stock_quote',
      'get_wikipedia_summary',
    ]);
    const results = await r.host.executeTurn([
      { id: 'w', name: 'get_weather', input: { place: 'Paris', days: 1 } },
      { id: 'c', name: 'convert_currency', input: { amount: 10, from: 'EUR', to: 'USD' } },
      { id: 's', name: 'get_stock_quote', input: { symbol: 'AAPL' } },
    ]);
    expect(results.map((x) => x.tool_use_id)).toEqual(['w', 'c', 's']);
    expect(results.every((x) => x.is_error === undefined)).toBe(true);
    expect(textOf(results[0] ?? {})).toContain('Paris');
    expect(records.map((x) => x.outcome)).toEqual(['ok', 'ok', 'ok']);
  });

  it('coalesces duplicate calls in a turn into one server call', async () => {
    const results = await r.host.executeTurn([
      { id: 'a', name: 'get_weather', input: { place: 'London', days: 2 } },
      { id: 'b', name: 'get_weather', input: { days: 2, place: 'London' } },
    ]);
    expect(textOf(results[0] ?? {})).toBe(textOf(results[1] ?? {}));
    expect(r.sim.stats().forecast?.requests).toBe(1);
  });

  it('falls back to X_cached with the cached value when the tool is slow past its timeout', async () => {
    const fresh = await r.host.callTool('get_weather', { place: 'Madrid', days: 1 });
    expect(fresh.record.outcome).toBe('ok');
    r.sim.setFault('forecast', { latencyMs: 10_000 });
    const { toolResult, record } = await r.host.callTool('get_weather', { place: 'Madrid', days: 1 });
    expect(record).toMatchObject({ outcome: 'fallback-backup', ok: true });
    expect(record.fallbackAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(textOf(toolResult)).toContain('backup tool get_weather_cached');
    expect(textOf(toolResult)).toContain(textOf(fresh.toolResult));
  });

  it('bounds a hanging tool by its timeout and cancels the request on the server', async () => {
    r.sim.setFault('wikipedia', { hang: true });
    const started = Date.now();
    const [result] = await r.host.executeTurn(
      [{ id: 'h', name: 'get_wikipedia_summary', input: { title: 'Paris' } }],
      {
        deadlineMs: 1_500,
      },
    );
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
    expect(result?.is_error).toBe(true);
    expect(records[0]?.outcome).toBe('timeout');
    await vi.waitFor(() => expect(r.sim.stats().wikipedia?.aborted).toBe(1));
  });

  it('retries an upstream 500 once and succeeds', async () => {
    r.sim.setFault('forecast', { status: 500, failNext: 1 });
    const { record } = await r.host.callTool('get_weather', { place: 'Rome', days: 1 });
    expect(record).toMatchObject({ outcome: 'retried-ok', attempts: 2, ok: true });
    expect(record.error).toContain('500');
    expect(r.sim.stats().forecast?.requests).toBe(2);
  });

  it('never retries a non-idempotent tool', async () => {
    r.sim.setFault('stock', { status: 500, failNext: 1 });
    const { toolResult, record } = await r.host.callTool('get_stock_quote', { symbol: 'MSFT' });
    expect(toolResult.is_error).toBe(true);
    expect(record).toMatchObject({ outcome: 'error', attempts: 1 });
    expect(r.sim.stats().stock?.requests).toBe(1);
  });

  it('tells Claude the gist of a failure once, without the server advice the host already acted on', async () => {
    r.sim.setFault('stock', { status: 500 });
    const { toolResult, record } = await r.host.callTool('get_stock_quote', { symbol: 'IBM' });
    expect(record.outcome).toBe('error');
    const content = toolResult.content as Array<{ type: string; text: string }>;
    expect(content).toHaveLength(1);
    const text = content[0]?.text ?? '';
    expect(text).toMatch(
      /^Tool get_stock_quote failed: Finnhub answered HTTP 500[^.]*\. No backup or cached result/,
    );
    expect(text).not.toContain('get_stock_quote_cached can return');
    expect(text).not.toContain('get_stock_quote failed: get_stock_quote failed');
    expect(text).not.toContain('..');
  });

  it('opens the breaker after repeated failures and recovers after the cool-down', async () => {
    const states: string[] = [];
    const onBreaker = (e: { state: string }) => states.push(e.state);
    r.host.events.on('breaker', onBreaker);
    r.sim.setFault('currency', { status: 503 });
    const args = { amount: 5, from: 'GBP', to: 'JPY' };
    for (let i = 0; i < 3; i++) await r.host.callTool('convert_currency', args);
    expect(records.map((x) => x.outcome)).toEqual(['error', 'error', 'circuit-open']);
    expect(r.sim.stats().currency?.requests).toBe(2);
    r.sim.clearFaults();
    await sleep(900);
    const { record } = await r.host.callTool('convert_currency', args);
    expect(record.outcome).toBe('ok');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    r.host.events.off('breaker', onBreaker);
  });
});
