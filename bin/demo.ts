import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnthropicClient, resolveAgentConfig } from '../host/agent/index.js';
import { runAsk } from '../host/cli/ask.js';
import { createHost, type Host } from '../host/index.js';
import { startFakeClaude } from '../sim/fake-claude/index.js';
import { type FaultConfig, startUpstreamSim } from '../sim/upstream/index.js';

/** The root mcp.json (and its resilience.json): the demo runs exactly what a user's host would. */
const ROOT_MCP_CONFIG = fileURLToPath(new URL('../../mcp.json', import.meta.url));

export const DEMO_PROMPT =
  "What's the weather in Paris, convert 100 USD to EUR, get the AAPL stock quote, " +
  'and give me the Wikipedia summary of Ada Lovelace.';

/** Realistic upstream latencies, so the parallel turn is visible (wall time ≈ slowest, not the sum). */
const LATENCY: FaultConfig = {
  geocoding: { latencyMs: 150 },
  forecast: { latencyMs: 450 },
  currency: { latencyMs: 350 },
  stock: { latencyMs: 300 },
  wikipedia: { latencyMs: 400 },
};

export interface DemoOptions {
  prompt?: string;
  json?: boolean;
  /** Skip the injected stock API outage. */
  healthy?: boolean;
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The offline demo behind `npm start`: simulated upstream APIs and a simulated Claude on 127.0.0.1, the
 * real MCP server spawned from mcp.json, and one headless `ask` whose four tools run in parallel while
 * the stock API is down — so that call is retried, then answered from its cached backup variant.
 */
export async function runDemo(options: DemoOptions = {}): Promise<number> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'resilient-mcp-demo-'));
  const sim = await startUpstreamSim({ faults: LATENCY });
  const claude = await startFakeClaude();
  let host: Host | undefined;
  try {
    say(`Simulated upstream APIs on ${sim.url}; simulated Claude on ${claude.url}`);
    host = await createHost({
      mcpConfigPath: ROOT_MCP_CONFIG,
      env: { ...process.env, RESILIENT_MCP_UPSTREAM_URL: sim.url, RESILIENT_MCP_STATE_DIR: stateDir },
    });
    const tools = host.anthropicTools().map((t) => t.name);
    say(`MCP server from mcp.json is up with ${tools.length} tools for Claude: ${tools.join(', ')}`);

    // An earlier, healthy call leaves a last-good value in the server's store for the backup to serve.
    const warm = await host.callTool('get_stock_quote', { symbol: 'AAPL' });
    say(`Earlier call: get_stock_quote AAPL → ${warm.record.outcome} (the server cached it)`);
    if (!options.healthy) {
      sim.setFault('stock', { status: 503, latencyMs: 300 });
      say('Injected fault: the stock quote API now answers 503 Service Unavailable');
    }

    const prompt = options.prompt ?? DEMO_PROMPT;
    say(`\nPrompt: ${prompt}\n`);
    return await runAsk(
      prompt,
      {
        host,
        client: createAnthropicClient({ apiKey: 'demo-key-offline', baseURL: claude.url }),
        agent: resolveAgentConfig({ env: {} }),
      },
      { json: options.json ?? false, stdout: process.stdout, stderr: process.stderr },
    );
  } finally {
    await host?.close();
    await Promise.all([sim.close(), claude.close()]);
    await rm(stateDir, { recursive: true, force: true });
  }
}
