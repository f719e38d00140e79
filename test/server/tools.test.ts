import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKUP_FOR_META_KEY,
  CACHE_META_KEY,
  ERROR_META_KEY,
  FALLBACK_META_KEY,
} from '../../shared/mcp-meta.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import {
  makeTempDir,
  removeDir,
  type ServerProcess,
  spawnServer,
  type TransportKind,
  waitFor,
} from './helpers.js';

const TOOLS = ['get_weather', 'convert_currency', 'get_stock_quote', 'get_wikipedia_summary'];
const UPSTREAM_TIMEOUT_MS = 1000;

describe.each<TransportKind>(['stdio', 'http'])('server over %s', (transport) => {
  let sim: UpstreamSim;
  let server: ServerProcess;
  let stateDir: string;

  beforeAll(async () => {
    sim = await startUpstreamSim();
    stateDir = await makeTempDir();
    server = await spawnServer({
      transport,
      args: ['--state-dir', stateDir],
      env: {
        RESILIENT_MCP_UPSTREAM_URL: sim.url,
        RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
    await removeDir(stateDir);
  });
  afterEach(() => {
    sim.clearFaults();
    sim.resetStats();
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    (await server.client.callTool({ name, arguments: args })) as CallToolResult;
  const text = (result: CallToolResult) =>
    result.content.map((part) => ('text' in part ? part.text : '')).join('');

  it('lists every tool and its _cached twin, linked through _meta', async () => {
    const { tools } = await server.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    for (const name of TOOLS) {
      const tool = byName.get(name);
      const cached = byName.get(`${name}_cached`);
      expect(tool?._meta?.[FALLBACK_META_KEY]).toBe(`${name}_cached`);
      expect(cached?._meta?.[BACKUP_FOR_META_KEY]).toBe(name);
      expect(cached?.inputSchema).toEqual(tool?.inputSchema);
      expect(tool?.inputSchema.additionalProperties).toBe(false); // strict: unknown arguments are errors
      expect(tool?.outputSchema?.type).toBe('object');
      expect(cached?.outputSchema?.properties?.result).toMatchObject({
        properties: tool?.outputSchema?.properties,
      });
      expect(cached?.outputSchema?.required).toEqual(['result', 'cachedAt', 'ageSeconds', 'source']);
      expect(tool?.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
      expect(tool?.title).toBeTruthy();
      expect(tool?.description?.length).toBeGreaterThan(80);
    }
  });

  it('calls every tool against the simulator', async () => {
    const weather = await call('get_weather', { place: 'Berlin', days: 2 });
    expect(weather.isError).toBeFalsy();
    expect(weather.structuredContent).toMatchObject({ place: { name: 'Berlin', country: 'Germany' } });
    expect((weather.structuredContent as { daily: unknown[] }).daily).toHaveLength(2);

    const money = await call('convert_currency', { amount: 100, from: 'usd', to: 'EUR' });
    expect(money.structuredContent).toMatchObject({ amount: 100, from: 'USD', to: 'EUR' });
    expect(text(money)).toMatch(/^100 USD = [\d.]+ EUR/);

    const quote = await call('get_stock_quote', { symbol: 'AAPL' });
    expect(quote.structuredContent).toMatchObject({ symbol: 'AAPL', provider: 'finnhub' });

    const wiki = await call('get_wikipedia_summary', { title: 'Alan Turing' });
    expect(wiki.structuredContent).toMatchObject({ title: 'Alan Turing', pageType: 'standard' });
    expect(text(wiki)).toContain('Turing machine');
  });

  it('answers invalid arguments with an isError result naming the field', async () => {
    const badPlace = await call('get_weather', { place: 42 });
    expect(badPlace.isError).toBe(true);
    expect(text(badPlace)).toMatch(/place/);
    const emptyPlace = await call('get_weather', { place: '' }); // the example in docs/server.md
    expect(text(emptyPlace)).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool get_weather: ' +
        'place must not be empty: give a city or place name, e.g. "Paris" at place',
    );
    const badAmount = await call('convert_currency', { amount: -5, from: 'EUR', to: 'USD' });
    expect(badAmount.isError).toBe(true);
    expect(text(badAmount)).toMatch(/amount must be greater than 0/);
    const badDate = await call('convert_currency', { amount: 1, from: 'EUR', to: 'USD', date: '2024-13-45' });
    expect(text(badDate)).toMatch(/date must be a calendar date/);
    expect(sim.stats().currency.requests).toBe(0); // rejected before any upstream call
  });

  it('rejects an unknown argument, naming it, on X and on X_cached', async () => {
    for (const name of ['get_weather', 'get_weather_cached']) {
      const result = await call(name, { place: 'Paris', foo: 1 });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/unknown argument "foo": the arguments are "place", "days"/);
    }
    const two = await call('get_stock_quote', { symbol: 'AAPL', exchange: 'US', currency: 'USD' });
    expect(text(two)).toMatch(/unknown arguments "exchange", "currency": the arguments are "symbol"/);
    expect(sim.stats().geocoding.requests + sim.stats().stock.requests).toBe(0);
  });

  it('reports not-found upstream answers as non-retryable errors', async () => {
    const result = await call('get_wikipedia_summary', { title: 'No Such Article Anywhere' });
    expect(result.isError).toBe(true);
    expect(result._meta?.[ERROR_META_KEY]).toEqual({ kind: 'not_found', retryable: false, status: 404 });
    expect(text(result)).toMatch(/no article titled "No Such Article Anywhere"/);
  });

  it('turns upstream 500, malformed bodies and hangs into retryable isError results', async () => {
    sim.setFault('currency', { status: 500 });
    sim.setFault('stock', { malformed: true });
    sim.setFault('forecast', { hang: true });
    const started = Date.now();
    const [status, malformed, hang] = await Promise.all([
      call('convert_currency', { amount: 1, from: 'EUR', to: 'GBP' }),
      call('get_stock_quote', { symbol: 'NVDA' }),
      call('get_weather', { place: 'Paris' }),
    ]);
    expect(status._meta?.[ERROR_META_KEY]).toEqual({ kind: 'upstream_status', retryable: true, status: 500 });
    expect(text(status)).toMatch(
      /Frankfurter answered HTTP 500.*retrying later may help.*convert_currency_cached/s,
    );
    expect(malformed._meta?.[ERROR_META_KEY]).toMatchObject({ kind: 'upstream_malformed', retryable: true });
    expect(hang._meta?.[ERROR_META_KEY]).toEqual({ kind: 'upstream_timeout', retryable: true });
    expect(text(hang)).toMatch(/did not answer within 1000 ms/);
    // Bounded by the 1 s upstream timeout, far from the hang (which never ends) or the client's 60 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(() => sim.stats().forecast.aborted === 1, 5000, 'the timed-out request to be closed');
  });

  it('serves X_cached from the last good result of X, without calling upstream', async () => {
    const fresh = await call('get_stock_quote', { symbol: 'MSFT' });
    expect(fresh.isError).toBeFalsy();
    sim.setFault('stock', { status: 503 });
    const failed = await call('get_stock_quote', { symbol: 'MSFT' });
    expect(failed.isError).toBe(true);
    const requestsBefore = sim.stats().stock.requests;

    const cached = await call('get_stock_quote_cached', { symbol: ' msft ' }); // same call once normalized
    expect(cached.isError).toBeFalsy();
    expect(cached.structuredContent).toMatchObject({ result: fresh.structuredContent, source: 'cache' });
    const { ageSeconds, cachedAt } = cached.structuredContent as { ageSeconds: number; cachedAt: string };
    expect(ageSeconds).toBeGreaterThanOrEqual(0);
    expect(cached._meta?.[CACHE_META_KEY]).toEqual({ cachedAt, ageSeconds });
    expect(text(cached)).toMatch(/^\[cached result, \d+ s old, recorded \d{4}-\d\d-\d\dT[^\]]+\]\nMSFT: /);
    expect(sim.stats().stock.requests).toBe(requestsBefore);
  });

  it('says so when X_cached has nothing for these arguments', async () => {
    const result = await call('get_wikipedia_summary_cached', { title: 'Photosynthesis' });
    expect(result.isError).toBe(true);
    expect(result._meta?.[ERROR_META_KEY]).toEqual({ kind: 'cache_empty', retryable: false });
    expect(text(result)).toMatch(/no cached result for these arguments/);
  });
});

describe.each<TransportKind>(['stdio', 'http'])('cancellation over %s', (transport) => {
  it('a cancelled call stops its upstream request', async () => {
    const sim = await startUpstreamSim({ faults: { wikipedia: { hang: true } } });
    const stateDir = await makeTempDir();
    // A long upstream timeout, so only the cancellation can end the hanging request quickly.
    const server = await spawnServer({
      transport,
      args: ['--state-dir', stateDir],
      env: { RESILIENT_MCP_UPSTREAM_URL: sim.url, RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '60000' },
    });
    try {
      const controller = new AbortController();
      const pending = server.client.callTool(
        { name: 'get_wikipedia_summary', arguments: { title: 'Berlin' } },
        undefined,
        { signal: controller.signal },
      );
      await waitFor(() => sim.stats().wikipedia.inFlight === 1, 10_000, 'the upstream request');
      controller.abort('user gave up');
      await expect(pending).rejects.toThrow();
      await waitFor(() => sim.stats().wikipedia.aborted === 1, 10_000, 'the upstream request to be aborted');
      expect(sim.stats().wikipedia).toMatchObject({ inFlight: 0, completed: 0 });
      // The server is still fine afterwards.
      sim.clearFaults();
      const after = (await server.client.callTool({
        name: 'get_stock_quote',
        arguments: { symbol: 'IBM' },
      })) as CallToolResult;
      expect(after.isError).toBeFalsy();
    } finally {
      await server.close();
      await sim.close();
      await removeDir(stateDir);
    }
  });
});
