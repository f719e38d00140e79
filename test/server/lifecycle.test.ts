import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { CLI, makeTempDir, removeDir, waitForExit } from './helpers.js';

/** Raw child process (no SDK client) so the test sees exactly what the server writes to stdout. */
function startRaw(stateDir: string, simUrl: string) {
  const child = spawn(process.execPath, [CLI, 'server', '--state-dir', stateDir], {
    env: { PATH: process.env.PATH ?? '', RESILIENT_MCP_UPSTREAM_URL: simUrl, LOG_LEVEL: 'debug' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let stderr = '';
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('ready on stdio')) resolve();
    });
  });
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  return { child, send, ready, stdout: () => stdout };
}

describe('stdio server lifecycle', () => {
  let sim: UpstreamSim;
  let stateDir: string;
  beforeAll(async () => {
    sim = await startUpstreamSim();
    stateDir = await makeTempDir();
  });
  afterAll(async () => {
    await sim?.close();
    await removeDir(stateDir);
  });

  it('writes only MCP messages to stdout and exits 0 on stdin EOF', async () => {
    const { child, send, stdout } = startRaw(stateDir, sim.url);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_stock_quote', arguments: { symbol: 'KO' } },
    });
    const deadline = Date.now() + 10_000;
    while (!stdout().includes('"id":2') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.stdin.end();

    expect(await waitForExit(child)).toBe(0);
    const lines = stdout().trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines[1] ?? '{}').result.structuredContent).toMatchObject({ symbol: 'KO' });
  });

  it('exits 0 on SIGTERM', async () => {
    const { child, ready } = startRaw(stateDir, sim.url);
    await ready; // signal handlers are installed by then
    child.kill('SIGTERM');
    expect(await waitForExit(child)).toBe(0);
  });
});
