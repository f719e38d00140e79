import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliPath } from '../paths.js';
import { spawnListening, stopChild } from './child.js';

/** Where contenders reach the MCP server: one shared HTTP process, or a stdio command each client spawns. */
export type ServerEndpoint =
  | { kind: 'http'; url: string }
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string> };

export type Transport = ServerEndpoint['kind'];

export interface ServerOptions {
  transport: Transport;
  upstreamUrl: string;
  /** The server's own upstream timeout; set high so a hung upstream stays hung for the contenders. */
  upstreamTimeoutMs: number;
}

export interface RunningServer {
  endpoint: ServerEndpoint;
  close(): Promise<void>;
}

/**
 * Starts our MCP server as a real child process (`resilient-mcp server`) with a fresh state dir. Over HTTP
 * every contender talks to this one process; over stdio each client spawns the same command and env.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-bench-'));
  const env = {
    RESILIENT_MCP_UPSTREAM_URL: opts.upstreamUrl,
    RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: String(opts.upstreamTimeoutMs),
    RESILIENT_MCP_STATE_DIR: stateDir,
    LOG_LEVEL: 'warn',
  };
  // Retries: a stdio server may still be flushing its snapshot while its client closes.
  const removeState = () => rm(stateDir, { recursive: true, force: true, maxRetries: 5 });
  if (opts.transport === 'stdio') {
    const endpoint: ServerEndpoint = {
      kind: 'stdio',
      command: process.execPath,
      args: [cliPath, 'server'],
      env,
    };
    return { endpoint, close: removeState };
  }
  try {
    const { child, url } = await spawnListening(
      cliPath,
      ['server', '--http', '--port', '0', '--host', '127.0.0.1'],
      env,
      'stderr',
    );
    const close = async () => {
      await stopChild(child);
      await removeState();
    };
    return { endpoint: { kind: 'http', url }, close };
  } catch (error) {
    await removeState();
    throw error;
  }
}
