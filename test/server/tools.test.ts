import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_FOR_META_KEY, FALLBACK_META_KEY } from '../../shared/mcp-meta.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { makeTempDir, removeDir, type ServerProcess, spawnServer, type TransportKind } from './helpers.js';

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
});
