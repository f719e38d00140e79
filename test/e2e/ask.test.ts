import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskJsonResult } from '../../host/cli/ask.js';
import { type FakeClaude, startFakeClaude } from '../../sim/fake-claude/index.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { makeTempDir, removeDir } from '../server/helpers.js';
import { runCli, writeMcpConfig } from './cli-process.js';

const PROMPT =
  "What's the weather in Paris, convert 100 USD to EUR, get the AAPL stock quote, " +
  'and give me the Wikipedia summary of Ada Lovelace.';

interface MessagesBody {
  messages: Array<{
    role: string;
    content: string | Array<{ type: string; text?: string; is_error?: boolean }>;
  }>;
}

describe('resilient-mcp ask (real CLI process, fake Claude, real server, simulated upstreams)', () => {
  let sim: UpstreamSim;
  let claude: FakeClaude;
  let dir: string;
  let config: string;
  const env = () => ({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: claude.url });

  beforeAll(async () => {
    sim = await startUpstreamSim();
    claude = await startFakeClaude({ faults: { retryAfterMs: 5 } });
    dir = await makeTempDir();
    config = await writeMcpConfig(dir, sim.url);
  });
  afterAll(async () => {
    await Promise.all([sim?.close(), claude?.close()]);
    await removeDir(dir);
  });
  beforeEach(() => {
    sim.clearFaults();
    claude.requests.length = 0;
  });

  it('answers with all four tools called in one turn, the failing one served from its cached backup', async () => {
    // An earlier good call (another process) leaves a last-good value in the server's snapshot.
    const warm = await runCli(['call', '--config', config, 'get_stock_quote', '{"symbol":"AAPL"}']);
    expect(warm.code, warm.stderr).toBe(0);
    sim.setFault('stock', { status: 503 });

    const run = await runCli(['ask', '--json', '--config', config, PROMPT], env());
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as AskJsonResult;

    expect(result.ok).toBe(true);
    expect(result.answer).toMatch(/Paris/);
    expect(result.answer).toMatch(/Ada Lovelace/);
    expect(result.toolCalls.map((c) => c.tool).sort()).toEqual([
      'convert_currency',
      'get_stock_quote',
      'get_weather',
      'get_wikipedia_summary',
    ]);
    const stock = result.toolCalls.find((c) => c.tool === 'get_stock_quote');
    expect(stock?.outcome).toBe('fallback-backup');
    expect(stock?.ok).toBe(true);
    expect(
      result.toolCalls.filter((c) => c.tool !== 'get_stock_quote').every((c) => c.outcome === 'ok'),
    ).toBe(true);
    expect(result.usage.outputTokens).toBeGreaterThan(0);

    // One turn of tools: the second request carries all four results in one user message, and the one
    // from the fallback says it is cached.
    const second = claude.requests.filter((r) => r.path === '/v1/messages')[1]?.body as MessagesBody;
    const last = second.messages.at(-1);
    const results = Array.isArray(last?.content) ? last.content.filter((b) => b.type === 'tool_result') : [];
    expect(results).toHaveLength(4);
    expect(JSON.stringify(results)).toMatch(/cached/i);
    expect(claude.validationFailures).toHaveLength(0);
  });

  it('tells Claude which tools failed when most of a turn fails', async () => {
    for (const route of ['forecast', 'currency', 'wikipedia'] as const) sim.setFault(route, { status: 404 });
    sim.setFault('geocoding', { status: 400 });
    const run = await runCli(
      ['ask', '--json', '--config', config, 'weather in Oslo and convert 5 EUR to GBP'],
      env(),
    );
    const result = JSON.parse(run.stdout) as AskJsonResult;
    expect(result.toolCalls.every((c) => !c.ok)).toBe(true);
    const followUp = claude.requests.filter((r) => r.path === '/v1/messages')[1]?.body as MessagesBody;
    const content = followUp.messages.at(-1)?.content;
    const texts = (Array.isArray(content) ? content : [])
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('\n');
    expect(texts).toMatch(/get_weather/);
    expect(texts).toMatch(/convert_currency/);
    expect(claude.validationFailures).toHaveLength(0);
  });

  it('rides out an overloaded (529) API response via the SDK retries', async () => {
    claude.setFaults({ overloaded: 1, retryAfterMs: 5 });
    const run = await runCli(
      ['ask', '--json', '--config', config, 'Wikipedia summary of Ada Lovelace'],
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as AskJsonResult).answer).toMatch(/Lovelace/);
    expect(claude.requests.filter((r) => r.status === 529)).toHaveLength(1);
  });

  it('exits 1 with a clear message when the API key is rejected', async () => {
    const run = await runCli(['ask', '--config', config, 'weather in Paris'], {
      ...env(),
      ANTHROPIC_API_KEY: 'sk-invalid-key',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/API key/i);
  });

  it('exits 2 (configuration) and says what to set when there is no API key', async () => {
    const run = await runCli(['ask', '--config', config, 'weather in Paris'], {
      ANTHROPIC_BASE_URL: claude.url,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('exits 2 naming the file and field of an invalid config', async () => {
    const bad = `${dir}/bad.json`;
    await writeFile(bad, JSON.stringify({ mcpServers: { x: { command: 42 } } }));
    const run = await runCli(['tools', '--config', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json');
    expect(run.stderr).toMatch(/command/);
  });

  it('exits 1 naming the server and reason when no MCP server connects', async () => {
    const broken = `${dir}/broken.json`;
    await writeFile(broken, JSON.stringify({ mcpServers: { gone: { command: `${dir}/no-such-binary` } } }));
    const run = await runCli(['call', '--config', broken, 'get_weather', '{"place":"Paris"}']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no MCP server connected: "gone" \(.*ENOENT/);
  });

  it('exits 2 on bad usage, with the reason and the usage text', async () => {
    const run = await runCli(['ask', '--max-turns', 'zero', 'weather in Paris']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-turns.*invalid/);
    expect(run.stderr).toMatch(/Usage: resilient-mcp ask/);
  });

  it('lists the catalog with backups and the policy in force', async () => {
    const run = await runCli(['tools', '--json', '--all', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ tool: string; backup: string | null; hidden: boolean }>;
    expect(rows.find((r) => r.tool === 'get_weather')?.backup).toBe('get_weather_cached');
    expect(rows.find((r) => r.tool === 'get_weather_cached')?.hidden).toBe(true);
  });
});
