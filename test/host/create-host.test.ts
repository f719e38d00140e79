import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, createHost } from '../../host/index.js';
import { createLogger } from '../../shared/logger.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-create-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const logger = createLogger('test', 'silent');

async function writeConfig(config: unknown, name = 'mcp.json'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

describe('createHost', () => {
  it('rejects a bad mcp.json with the file and field', async () => {
    const file = await writeConfig({ mcpServers: { s: { command: 'x', args: 'not-a-list' } } });
    const error = await createHost({ mcpConfigPath: file, logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(`${file}: mcpServers.s.args`);
  });

  it('rejects a bad resilience.json found beside mcp.json', async () => {
    const file = await writeConfig({ mcpServers: {} });
    await writeConfig({ defaults: { timeoutMs: 0 } }, 'resilience.json');
    await expect(createHost({ mcpConfigPath: file, logger })).rejects.toThrow(
      /resilience\.json: defaults\.timeoutMs/,
    );
  });

  it('refuses per-tool values of what a server shares (retry budget, concurrency, queue)', async () => {
    const file = await writeConfig({ mcpServers: {} });
    const tools = (layer: object) => ({ servers: { s: { tools: { t: layer } } } });
    await expect(
      createHost({ mcpConfigPath: file, logger, policy: tools({ retry: { budget: { ratio: 0.5 } } }) }),
    ).rejects.toThrow(/servers\.s\.tools\.t\.retry\.budget: the retry budget is shared by every tool/);
    for (const key of ['concurrency', 'queue']) {
      const error = await createHost({ mcpConfigPath: file, logger, policy: tools({ [key]: 1 }) }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('servers.s.tools.t');
    }
  });

  it('names a missing environment variable', async () => {
    const file = await writeConfig({
      mcpServers: { s: { command: 'x', env: { KEY: '$' + '{SECRET_KEY}' } } },
    });
    await expect(createHost({ mcpConfigPath: file, logger, env: {} })).rejects.toThrow(
      /mcpServers\.s\.env\.KEY: environment variable \$\{SECRET_KEY\} is not set/,
    );
  });

  it('refuses a placeholder nested in a default, naming the file and field', async () => {
    const file = await writeConfig({
      mcpServers: { s: { command: 'x', args: ['$' + '{A:-$' + '{B}}'] } },
    });
    const error = await createHost({ mcpConfigPath: file, logger, env: { B: 'b' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(`${file}: mcpServers.s.args[0]: `);
    expect(String(error)).toContain('a default may not contain');
  });

  it("forwards a stdio child's stderr to the logger at debug level", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const script = "process.stderr.write('hello from the child\\n'); process.exit(1)";
    const file = await writeConfig({
      mcpServers: { noisy: { command: process.execPath, args: ['-e', script] } },
    });
    const host = await createHost({ mcpConfigPath: file, logger: pino({ level: 'debug' }, sink) });
    await host.close();
    const forwarded = () =>
      lines.map((line) => JSON.parse(line)).find((entry) => entry.stderr === 'hello from the child');
    await vi.waitFor(() => expect(forwarded()).toMatchObject({ level: 20, server: 'noisy' }));
  });

  it('starts even when a server cannot be started, and reports it as failed', async () => {
    const file = await writeConfig({ mcpServers: { broken: { command: path.join(dir, 'no-such-binary') } } });
    const host = await createHost({ mcpConfigPath: file, logger });
    try {
      expect(host.isReady()).toBe(false);
      expect(host.anthropicTools()).toEqual([]);
      const [result] = await host.executeTurn([{ id: 'x', name: 'anything', input: {} }]);
      expect(result?.is_error).toBe(true);
    } finally {
      await host.close();
    }
  });
});
