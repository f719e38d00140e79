import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFailure } from './serve-process.js';

/** Mistakes a new user makes: each is one plain line on stderr (no JSON log, no stack trace). */
describe('resilient-mcp serve: start-up errors', () => {
  let dir: string;
  let base: string[];
  const env = { ANTHROPIC_API_KEY: 'test' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serve-errors-'));
    await writeFile(join(dir, 'mcp.json'), JSON.stringify({ mcpServers: {} }));
    base = ['--no-auth', '--port', '0', '--config', join(dir, 'mcp.json'), '--state-dir', join(dir, 'state')];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names a missing --service-config file in one line', async () => {
    const missing = join(dir, 'service.json');
    const { lines } = await serveFailure([...base, '--service-config', missing], env);
    expect(lines).toEqual([
      `resilient-mcp serve: ${missing}: cannot read: ENOENT: no such file or directory`,
    ]);
  });
});
