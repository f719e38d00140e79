import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHost, type Host, type PolicyConfigInput } from '../../../host/index.js';
import { createLogger } from '../../../shared/logger.js';
import { startUpstreamSim, type UpstreamSim } from '../../../sim/upstream/index.js';
import { CLI } from '../../server/helpers.js';

/** The name our server has in the test mcp.json files. */
export const SERVER = 'resilient';

export interface RealHost {
  host: Host;
  sim: UpstreamSim;
  dir: string;
  close(): Promise<void>;
}

export interface RealHostOptions {
  policy?: PolicyConfigInput;
  /** An HTTP server URL instead of a stdio child. */
  httpUrl?: string;
  /** Reuse a simulator (e.g. the one an HTTP server child points at). */
  sim?: UpstreamSim;
  /** Env for the stdio child. */
  upstreamTimeoutMs?: number;
}

/** Policy the real-server tests start from: our server trusted, quick retries and restarts. */
export const TEST_POLICY: PolicyConfigInput = {
  defaults: { timeoutMs: 1_500, retry: { baseDelayMs: 20, maxDelayMs: 50 } },
  servers: { [SERVER]: { trustAnnotations: true, restart: { baseDelayMs: 50 } } },
};

/** A host over the built server (`node dist/bin/resilient-mcp.js server`) and an in-process simulator. */
export async function startRealHost(opts: RealHostOptions = {}): Promise<RealHost> {
  const sim = opts.sim ?? (await startUpstreamSim());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-real-'));
  const server = opts.httpUrl
    ? { type: 'http', url: opts.httpUrl }
    : {
        command: process.execPath,
        args: [CLI, 'server'],
        env: {
          RESILIENT_MCP_UPSTREAM_URL: sim.url,
          RESILIENT_MCP_STATE_DIR: path.join(dir, 'state'),
          RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: String(opts.upstreamTimeoutMs ?? 30_000),
          LOG_LEVEL: 'warn',
        },
      };
  const mcpConfigPath = path.join(dir, 'mcp.json');
  await writeFile(mcpConfigPath, JSON.stringify({ mcpServers: { [SERVER]: server } }));
  const host = await createHost({
    mcpConfigPath,
    policy: opts.policy ?? TEST_POLICY,
    logger: createLogger('test-host', process.env.LOG_LEVEL ?? 'silent'),
  });
  return {
    host,
    sim,
    dir,
    async close() {
      await host.close();
      if (!opts.sim) await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
