import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from './config.js';

describe('loadServiceConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'service-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const load = async (content: string) => {
    const file = join(dir, 'service.json');
    await writeFile(file, content);
    return loadServiceConfig(file);
  };

  it('fills every default', async () => {
    const config = await loadServiceConfig(undefined);
    expect(config).toMatchObject({
      runs: { maxConcurrent: 4, maxQueued: 32 },
      rateLimit: { burst: 30, perSecond: 5 },
      http: { bodyLimitBytes: 262_144 },
      webhooks: { maxAttempts: 6 },
      shutdownGraceMs: 10_000,
      hooks: {},
    });
  });

  it('names the file and the field of a bad value', async () => {
    await expect(load('{"runs": {"maxConcurent": 2}}')).rejects.toThrow(/service\.json: .*maxConcurent/);
    await expect(load('{"rateLimit": {"burst": 0}}')).rejects.toThrow(/service\.json: rateLimit\.burst: /);
    await expect(load('{"hooks": {"h": {"prompt": "{{headers.x}}"}}}')).rejects.toThrow(
      /hooks\.h\.prompt: placeholders must start with body\. or query\./,
    );
    await expect(
      load('{"hooks": {"h": {"prompt": "x", "webhook": {"url": "http://127.0.0.1/"}}}}'),
    ).rejects.toThrow(/hooks\.h\.webhook\.secret: required/);
    await expect(load('{"hooks": {"h": {"prompt": "x", "maxTurns": 20}}}')).rejects.toThrow(
      /hooks\.h\.maxTurns: at most runs\.maxTurns \(10\)/,
    );
    await expect(load('{"runs": ')).rejects.toThrow(/service\.json: invalid JSON: /);
    await expect(loadServiceConfig(join(dir, 'missing.json'))).rejects.toThrow(
      /^\S*missing\.json: cannot read: ENOENT: no such file or directory$/,
    );
  });

  it('accepts a hook webhook signed with the service-wide secret', async () => {
    const config = await load(
      JSON.stringify({
        webhooks: { secret: 'service-secret-0123' },
        hooks: { h: { prompt: 'Summarise {{body.text}}', webhook: { url: 'https://example.com/x' } } },
      }),
    );
    expect(config.hooks.h?.webhook?.url).toBe('https://example.com/x');
  });

  it('accepts service.example.json, which docs/service.md shows verbatim', async () => {
    const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const example = join(repo, 'service.example.json');
    const config = await loadServiceConfig(example);
    expect(Object.keys(config.hooks)).toHaveLength(1);
    const docs = await readFile(join(repo, 'docs/service.md'), 'utf8');
    const shown = /## `service\.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(JSON.parse(shown ?? 'null')).toEqual(JSON.parse(await readFile(example, 'utf8')));
  });
});
