import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_META_KEY } from '../../shared/mcp-meta.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { makeTempDir, removeDir, spawnServer } from './helpers.js';

describe('last-good snapshot', () => {
  let sim: UpstreamSim;
  let stateDir: string;
  const start = () =>
    spawnServer({ args: ['--state-dir', stateDir], env: { RESILIENT_MCP_UPSTREAM_URL: sim.url } });
  const convert = { amount: 250, from: 'EUR', to: 'JPY', date: '2024-03-15' };

  beforeAll(async () => {
    sim = await startUpstreamSim();
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    stateDir = await makeTempDir();
    sim.clearFaults();
  });
  afterEach(async () => {
    await removeDir(stateDir);
  });

  it('lets X_cached answer after a restart, from the snapshot written on exit', async () => {
    const first = await start();
    const fresh = (await first.client.callTool({
      name: 'convert_currency',
      arguments: convert,
    })) as CallToolResult;
    expect(fresh.isError).toBeFalsy();
    await first.close(); // stdin EOF: the server flushes the snapshot before exiting

    const snapshot = JSON.parse(await readFile(join(stateDir, 'last-good.json'), 'utf8'));
    expect(snapshot).toMatchObject({
      version: 1,
      entries: [{ tool: 'convert_currency', value: fresh.structuredContent }],
    });
    expect((await readdir(stateDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    sim.setFault('currency', { status: 503 });
    const second = await start();
    try {
      // Same call, arguments in another order and case: the normalized key still matches.
      const args = { to: 'jpy', date: '2024-03-15', from: 'eur', amount: 250 };
      const cached = (await second.client.callTool({
        name: 'convert_currency_cached',
        arguments: args,
      })) as CallToolResult;
      expect(cached.isError).toBeFalsy();
      expect(cached.structuredContent).toMatchObject({ result: fresh.structuredContent, source: 'cache' });
    } finally {
      await second.close();
    }
  });

  it('sets a corrupt snapshot aside, starts empty and writes a good one', async () => {
    await writeFile(join(stateDir, 'last-good.json'), '{"version": 1, "entries": [ {"tool": ');
    const server = await start();
    try {
      const empty = (await server.client.callTool({
        name: 'convert_currency_cached',
        arguments: convert,
      })) as CallToolResult;
      expect(empty._meta?.[ERROR_META_KEY]).toEqual({ kind: 'cache_empty', retryable: false });
      const files = await readdir(stateDir);
      expect(files.some((name) => /^last-good\.json\.corrupt-\d{4}-/.test(name))).toBe(true);
      expect(server.stderr()).toMatch(/last-good snapshot is corrupt/);

      const fresh = (await server.client.callTool({
        name: 'convert_currency',
        arguments: convert,
      })) as CallToolResult;
      expect(fresh.isError).toBeFalsy();
    } finally {
      await server.close();
    }
    const snapshot = JSON.parse(await readFile(join(stateDir, 'last-good.json'), 'utf8'));
    expect(snapshot.entries).toHaveLength(1);
  });
});
