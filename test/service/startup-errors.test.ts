import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, serveFailure } from './serve-process.js';

/**
 * Mistakes a new user makes: each is one plain line on stderr (no JSON log, no stack trace) and the
 * project's exit codes: 2 for bad usage or config, 1 for a failure such as a taken port.
 */
describe('resilient-mcp serve: start-up errors', () => {
  let dir: string;
  let mcp: string;
  let occupied: Server;
  const env = { ANTHROPIC_API_KEY: 'test' };
  const base = (...more: string[]) => [
    '--no-auth',
    '--config',
    mcp,
    '--state-dir',
    join(dir, 'state'),
    ...more,
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serve-errors-'));
    mcp = join(dir, 'mcp.json');
    await writeFile(mcp, JSON.stringify({ mcpServers: {} }));
    await writeFile(join(dir, 'typo.json'), JSON.stringify({ runs: { maxConcurent: 2 } }));
    await writeFile(join(dir, 'policy.json'), JSON.stringify({ defaults: { timeoutMss: 1 } }));
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => occupied.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 with one line naming the file and field of a bad config', async () => {
    const missing = join(dir, 'service.json');
    const cases: Array<[string[], string | RegExp]> = [
      [
        base('--service-config', missing),
        `resilient-mcp serve: ${missing}: cannot read: ENOENT: no such file or directory`,
      ],
      [
        base('--service-config', join(dir, 'typo.json')),
        `resilient-mcp serve: ${join(dir, 'typo.json')}: runs: Unrecognized key: "maxConcurent"`,
      ],
      [base('--policy', join(dir, 'policy.json')), /^resilient-mcp serve: \S*policy\.json: .*timeoutMss/],
      [
        ['--no-auth', '--config', join(dir, 'nope.json')],
        /^resilient-mcp serve: \S*nope\.json: cannot read.*ENOENT/,
      ],
      [['--config', mcp], /^resilient-mcp serve: no bearer token: /],
    ];
    const results = await Promise.all(cases.map(([args]) => serveFailure(['--port', '0', ...args], env)));
    for (const [index, { code, lines }] of results.entries()) {
      const expected = cases[index]?.[1] as string | RegExp;
      expect(lines, String(expected)).toEqual([
        typeof expected === 'string' ? expected : expect.stringMatching(expected),
      ]);
      expect(code, String(expected)).toBe(2);
    }
  });

  it('exits 1 with one line when the port is taken', async () => {
    const port = (occupied.address() as { port: number }).port;
    const { code, lines } = await serveFailure(base('--port', String(port)), env);
    expect(lines).toEqual([
      `resilient-mcp serve: cannot listen on 127.0.0.1:${port}: address already in use (EADDRINUSE); stop the other process or pick another --port`,
    ]);
    expect(code).toBe(1);
  });
});

describe('resilient-mcp serve --help', () => {
  it('lists every route of the API table in docs/service.md', async () => {
    const help = execFileSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8' });
    const docs = await readFile(join(REPO, 'docs/service.md'), 'utf8');
    const routes = [...docs.matchAll(/^\| `((?:GET|POST) \/\S*)`/gm)].map((m) => m[1] as string);
    expect(routes).toContain('GET /v1/tools');
    for (const route of routes) expect(help, route).toContain(route);
  });
});
