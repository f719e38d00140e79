/**
 * Runs the real `resilient-mcp` CLI as a child process against the simulators: an mcp.json in a temp
 * dir that spawns the built server with the upstream simulator's URL, and the fake Claude's base URL.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI } from '../server/helpers.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes `<dir>/mcp.json` for our server (state in `<dir>/state`) and returns its path. */
export async function writeMcpConfig(dir: string, upstreamUrl: string): Promise<string> {
  const file = join(dir, 'mcp.json');
  const server = {
    command: process.execPath,
    args: [CLI, 'server'],
    env: { RESILIENT_MCP_UPSTREAM_URL: upstreamUrl, RESILIENT_MCP_STATE_DIR: join(dir, 'state') },
  };
  await writeFile(file, JSON.stringify({ mcpServers: { weather: server } }));
  // Trust our own server's idempotency annotations, as the root resilience.json does; fast retries.
  await writeFile(
    join(dir, 'resilience.json'),
    JSON.stringify({
      defaults: { retry: { baseDelayMs: 10, maxDelayMs: 50 } },
      servers: { weather: { trustAnnotations: true } },
    }),
  );
  return file;
}

/** Runs the CLI to completion (never rejects; the exit code is in the result). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
