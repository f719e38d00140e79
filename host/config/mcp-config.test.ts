import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './load-json.js';
import { loadMcpConfig, parseMcpConfig } from './mcp-config.js';

const file = '/etc/app/mcp.json';
const parse = (json: unknown, env: NodeJS.ProcessEnv = {}) => parseMcpConfig(file, json, env);

describe('mcp.json', () => {
  it('reads stdio servers with defaults, cwd = the file directory, expanded env', () => {
    const config = parse(
      {
        mcpServers: {
          local: {
            command: 'node',
            args: ['server.js', `--token=\${TOKEN}`],
            env: { A: `\${A:-}`, B: `\${B:-b}` },
            disabled: false,
          },
          sub: { command: 'x', cwd: 'tools' },
        },
      },
      { TOKEN: 't0k' },
    );
    expect(config.servers.local).toMatchObject({
      transport: 'stdio',
      command: 'node',
      args: ['server.js', '--token=t0k'],
      env: { B: 'b' },
      cwd: '/etc/app',
    });
    expect(config.servers.sub).toMatchObject({ args: [], env: {}, cwd: path.join('/etc/app', 'tools') });
  });

  it('reads HTTP servers (type http, or just a url)', () => {
    const config = parse({
      mcpServers: {
        remote: {
          type: 'http',
          url: 'http://127.0.0.1:1/mcp',
          headers: { Authorization: `Bearer \${T:-x}` },
        },
        bare: { url: 'https://example.org/mcp' },
      },
    });
    expect(config.servers.remote).toMatchObject({
      transport: 'http',
      headers: { Authorization: 'Bearer x' },
    });
    expect(config.servers.bare).toMatchObject({ transport: 'http', headers: {} });
  });

  it('names the file and the field of every problem', () => {
    const bad = (json: unknown, pattern: RegExp) => {
      expect(() => parse(json)).toThrow(ConfigError);
      expect(() => parse(json)).toThrow(pattern);
    };
    bad({}, /^\/etc\/app\/mcp\.json: mcpServers: /);
    bad({ mcpServers: { s: { command: '' } } }, /mcpServers\.s\.command: must be a non-empty command/);
    bad({ mcpServers: { s: { command: 'x', args: [1] } } }, /mcpServers\.s\.args\[0\]/);
    bad(
      { mcpServers: { s: { comand: 'node' } } },
      /mcpServers\.s\.command: required for a stdio server \("url" for HTTP\); unrecognised keys here: comand/,
    );
    bad(
      { mcpServers: { s: { type: 'http', url: 'ftp://x' } } },
      /mcpServers\.s\.url: must be an http\(s\) URL/,
    );
    bad(
      { mcpServers: { s: { type: 'sse', url: 'http://x' } } },
      /mcpServers\.s\.type: "sse" is not supported/,
    );
    bad(
      { mcpServers: { weather: { command: 'x', env: { KEY: `\${WEATHER_KEY}` } } } },
      /mcp\.json: mcpServers\.weather\.env\.KEY: environment variable \$\{WEATHER_KEY\} is not set/,
    );
  });

  it('reports unreadable and malformed files with their path', async () => {
    await expect(loadMcpConfig('/nonexistent/mcp.json')).rejects.toThrow(
      /^\/nonexistent\/mcp\.json: cannot read: ENOENT: no such file or directory$/,
    );
  });

  it('parses the repository root mcp.json', async () => {
    const config = await loadMcpConfig(path.resolve('mcp.json'), {});
    expect(config.servers['resilient-mcp']).toMatchObject({
      transport: 'stdio',
      command: 'node',
      env: { LOG_LEVEL: 'warn' },
      cwd: path.resolve('.'),
    });
  });
});
