import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHost, type Host, type PolicyConfigInput } from '../../../host/index.js';
import { createLogger } from '../../../shared/logger.js';
import { startUpstreamSim, type UpstreamSim } from '../../../sim/upstream/index.js';
import { CLI, spawnHttpChild, waitForExit } from '../../server/helpers.js';

/** The name our server has in the test mcp.json files. */
export const SERVER = 'resilient';

export type Transport = 'stdio' | 'http';

export interface RealHost {
  host: Host;
  sim: UpstreamSim;
  dir: string;
  /** HTTP only: stops the server child and starts a new one on the same port (sessions are lost). */
  restartHttpServer(): Promise<void>;
  close(): Promise<void>;
}

/** Policy the real-server tests start from: our server trusted, quick retries and restarts. */
export const TEST_POLICY: PolicyConfigInput = {
  defaults: { timeoutMs: 1_500, retry: { baseDelayMs: 20, maxDelayMs: 50 } },
  servers: { [SERVER]: { trustAnnotations: true, restart: { baseDelayMs: 50 } } },
};

/** TEST_POLICY plus per-tool overrides for our server. */
export function policyWithTools(
  tools: NonNullable<NonNullable<PolicyConfigInput['servers']>[string]['tools']>,
) {
  return { ...TEST_POLICY, servers: { [SERVER]: { ...TEST_POLICY.servers?.[SERVER], tools } } };
}

/**
 * A host over the built server (`node dist/bin/resilient-mcp.js server`, as a stdio child or as an
 * HTTP child on 127.0.0.1 port 0) and an in-process upstream simulator.
 */
export async function startRealHost(
  transport: Transport,
  policy: PolicyConfigInput = TEST_POLICY,
): Promise<RealHost> {
  const sim = await startUpstreamSim();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-real-'));
  const env = {
    RESILIENT_MCP_UPSTREAM_URL: sim.url,
    RESILIENT_MCP_STATE_DIR: path.join(dir, 'state'),
    // Long, so the host's own timeouts (not the server's) decide in these tests.
    RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '30000',
    LOG_LEVEL: 'warn',
  };
  let child: ChildProcess | undefined;
  let url = '';
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
  if (transport === 'http') ({ child, url } = await spawnHttpChild([], childEnv));
  const server =
    transport === 'http' ? { type: 'http', url } : { command: process.execPath, args: [CLI, 'server'], env };
  const mcpConfigPath = path.join(dir, 'mcp.json');
  await writeFile(mcpConfigPath, JSON.stringify({ mcpServers: { [SERVER]: server } }));
  const host = await createHost({
    mcpConfigPath,
    policy,
    logger: createLogger('test-host', process.env.LOG_LEVEL ?? 'silent'),
  });
  const stopChild = async () => {
    if (!child) return;
    child.kill('SIGTERM');
    await waitForExit(child);
  };
  return {
    host,
    sim,
    dir,
    async restartHttpServer() {
      if (transport !== 'http') throw new Error('restartHttpServer is for HTTP servers');
      await stopChild();
      ({ child } = await spawnHttpChild(['--port', new URL(url).port], childEnv));
    },
    async close() {
      await host.close();
      await stopChild();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
