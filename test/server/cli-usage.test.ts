import { describe, expect, it } from 'vitest';
import { runServerToExit } from './helpers.js';

const LONG_TOKEN = 'a-long-enough-token-0123';

describe('resilient-mcp server command line', () => {
  it('refuses HTTP-only flags without --http (usage error, exit 2) instead of ignoring them', async () => {
    const [portAndToken, host] = await Promise.all([
      runServerToExit(['--port', '13005', '--token', LONG_TOKEN]),
      runServerToExit(['--host', '0.0.0.0', '--allowed-hosts', 'example.test']),
    ]);
    expect(portAndToken.code).toBe(2);
    expect(portAndToken.stderr).toMatch(/--port, --token apply only to HTTP: add --http/);
    expect(host.code).toBe(2);
    expect(host.stderr).toMatch(/--host, --allowed-hosts apply only to HTTP: add --http/);
  });

  it('requires a bearer token of at least 16 characters, without echoing it', async () => {
    const [flag, env] = await Promise.all([
      runServerToExit(['--http', '--port', '0', '--token', 'short-secret']),
      runServerToExit(['--http', '--port', '0'], { RESILIENT_MCP_TOKEN: 'short-secret' }),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--token must be at least 16 characters \(got 12\)/);
    expect(env.code).toBe(1); // a bad environment, not bad usage
    expect(env.stderr).toMatch(/RESILIENT_MCP_TOKEN must be at least 16 characters/);
    expect(flag.stderr + env.stderr).not.toContain('short-secret');
  });
});
