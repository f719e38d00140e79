/**
 * Helpers for tests that run the real server: a built `dist/bin/resilient-mcp.js server` child process,
 * reached through the SDK client over stdio or Streamable HTTP. Reusable by any test that needs our
 * server (host tests too): `spawnServer({ transport, env })` → `{ client, stderr(), close() }`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CLI = join(REPO_ROOT, 'dist', 'bin', 'resilient-mcp.js');

export type TransportKind = 'stdio' | 'http';

export interface SpawnServerOptions {
  transport?: TransportKind;
  /** Extra environment (e.g. RESILIENT_MCP_UPSTREAM_URL); PATH and HOME are passed through. */
  env?: Record<string, string>;
  /** Extra CLI arguments after `server` (e.g. `--state-dir`, `--token`). */
  args?: string[];
  /** Bearer token the HTTP client sends. */
  clientToken?: string;
  /** Connect an SDK client (default true). */
  connect?: boolean;
}

export interface ServerProcess {
  /** Connected SDK client (unless `connect: false`). */
  client: Client;
  /** `http://127.0.0.1:PORT/mcp` for HTTP servers. */
  url?: string;
  /** Everything the server wrote to stderr so far (JSON log lines, the listening line). */
  stderr(): string;
  /** Closes the client and ends the process; resolves once it has exited. */
  close(): Promise<void>;
}

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { LOG_LEVEL: 'debug' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SystemRoot']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Resolves when the child has exited; SIGKILLs it if it is still alive after `graceMs`. */
export async function waitForExit(child: ChildProcess, graceMs = 5000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/** Runs `resilient-mcp server …` to its end (for arguments it must refuse): exit code and stderr. */
export async function runServerToExit(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'server', ...args], {
    env: baseEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // 'close', not 'exit': only then has all of stderr arrived.
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const code = await waitForExit(child, 10_000);
  await closed;
  return { code, stderr };
}

/** Starts `resilient-mcp server --http --port 0 …` and reads its URL from the `listening on` line. */
export async function spawnHttpChild(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'server', '--http', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in time:\n${stderr}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /resilient-mcp: listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return { child, url, stderr: () => stderr };
}

export async function connectHttpClient(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'resilient-mcp-test', version: '0.0.0' });
  const requestInit = token ? { headers: { authorization: `Bearer ${token}` } } : undefined;
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit ? { requestInit } : {}));
  return client;
}

/** Runs the built server as a child process and connects the SDK client to it. */
export async function spawnServer(options: SpawnServerOptions = {}): Promise<ServerProcess> {
  const env = baseEnv(options.env);
  const args = options.args ?? [];
  const client = new Client({ name: 'resilient-mcp-test', version: '0.0.0' });

  if ((options.transport ?? 'stdio') === 'http') {
    const { child, url, stderr } = await spawnHttpChild(args, env);
    const connected = options.connect === false ? client : await connectHttpClient(url, options.clientToken);
    return {
      client: connected,
      url,
      stderr,
      async close() {
        await connected.close().catch(() => undefined);
        child.kill('SIGTERM');
        await waitForExit(child);
      },
    };
  }

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'server', ...args],
    env,
    stderr: 'pipe',
    cwd: REPO_ROOT,
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (options.connect !== false) await client.connect(transport);
  else await transport.start();
  const pid = transport.pid;
  return {
    client,
    stderr: () => stderr,
    async close() {
      // The SDK closes stdin, then escalates to SIGTERM/SIGKILL if the child lingers.
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      if (pid !== null && isAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A fresh directory under the OS temp dir; remove it with `rm(dir, { recursive: true, force: true })`. */
export const makeTempDir = (prefix = 'resilient-mcp-test-'): Promise<string> =>
  mkdtemp(join(tmpdir(), prefix));
export const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
