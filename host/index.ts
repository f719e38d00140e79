import type Anthropic from '@anthropic-ai/sdk';
import { createLogger, type Logger } from '../shared/logger.js';
import { Catalog } from './catalog/catalog.js';
import { loadMcpConfig } from './config/mcp-config.js';
import {
  callPolicyFor,
  loadPolicyConfig,
  type PolicyConfigInput,
  serverPolicyFor,
} from './config/policy-config.js';
import { HostEventEmitter, type ServerState } from './events.js';
import { Executor } from './executor/executor.js';
import type { CallResult, ToolUse, TurnOptions } from './executor/types.js';
import { isIdempotent } from './policy/idempotency.js';
import { ClientPool } from './pool/pool.js';
import type { TransportFactory } from './pool/transport.js';

export type { CatalogEntry } from './catalog/catalog.js';
export { Catalog } from './catalog/catalog.js';
export { ConfigError } from './config/load-json.js';
export type { PolicyConfigInput } from './config/policy-config.js';
export type { BreakerState, HostEvents, ServerState } from './events.js';
export { HostEventEmitter } from './events.js';
export type { CallOutcome, CallRecord, CallResult, ToolUse, TurnOptions } from './executor/types.js';

export interface ServerStatus {
  server: string;
  state: ServerState;
  /** The last connect or call failure, if any. */
  error?: string;
}

export interface HostOptions {
  /** mcp.json (mcpServers); stdio servers spawn with cwd = its directory. */
  mcpConfigPath: string;
  /** resilience.json; optional (default: resilience.json beside mcp.json, if present); every key has a default. */
  policyPath?: string;
  /** In-code overrides, merged over the file (tests, bench). */
  policy?: PolicyConfigInput;
  logger?: Logger;
  /** For `${VAR}` / `${VAR:-default}` expansion; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface Host {
  readonly catalog: Catalog;
  readonly events: HostEventEmitter;
  /** Visible tools (backups hidden) as Anthropic tool definitions. */
  anthropicTools(): Anthropic.Tool[];
  /** One result per tool_use, same order, within the turn deadline, whatever fails. */
  executeTurn(toolUses: ToolUse[], opts?: TurnOptions): Promise<Anthropic.ToolResultBlockParam[]>;
  callTool(name: string, args: unknown, opts?: { signal?: AbortSignal }): Promise<CallResult>;
  /** Every server connected, catalog loaded. */
  isReady(): boolean;
  /** Closes every client; no child process is left behind. */
  close(): Promise<void>;
  /** Each configured server's connection state, and why it last failed (for diagnostics and CLIs). */
  serverStatus(): ServerStatus[];
  /** The stdio child pid of a server (null for HTTP or while disconnected); for tests and diagnostics. */
  serverPid(server: string): number | null;
}

/** Test seam: in-memory transports instead of those built from mcp.json. */
export interface HostInternals {
  transports?: Record<string, TransportFactory>;
}

/**
 * Loads mcp.json and the policy (config errors throw `ConfigError` naming file and field), connects to
 * every server in parallel and builds the catalog. A server that cannot be reached does not fail
 * startup: it keeps reconnecting in the background, `isReady()` is false meanwhile, and its tools
 * appear once it connects.
 */
export async function createHost(opts: HostOptions, internals: HostInternals = {}): Promise<Host> {
  const logger = opts.logger ?? createLogger('host');
  const env = opts.env ?? process.env;
  const config = await loadMcpConfig(opts.mcpConfigPath, env);
  const policy = await loadPolicyConfig({
    mcpConfigPath: opts.mcpConfigPath,
    ...(opts.policyPath ? { policyPath: opts.policyPath } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  const events = new HostEventEmitter();
  const catalog = new Catalog(
    {
      exposeBackups: policy.host.exposeBackups,
      isIdempotent: (server, tool) =>
        isIdempotent({
          override: callPolicyFor(policy, server, tool.name).idempotent,
          trustAnnotations: serverPolicyFor(policy, server).trustAnnotations,
          annotations: tool.annotations,
        }),
    },
    Object.keys(config.servers),
  );
  const pool = new ClientPool({
    config,
    policy,
    events,
    logger,
    onTools: (server, tools) => {
      catalog.update(server, tools);
      logger.debug({ server, tools: tools.length }, 'tool catalog updated');
    },
    ...(internals.transports ? { transports: internals.transports } : {}),
  });
  const executor = new Executor({ caller: pool, catalog, policy, events, logger });
  await pool.start();
  let closed: Promise<void> | undefined;

  return {
    catalog,
    events,
    anthropicTools: () => catalog.anthropicTools(),
    executeTurn: (toolUses, turnOptions) => executor.executeTurn(toolUses, turnOptions),
    callTool: (name, args, callOptions) => executor.callTool(name, args, callOptions),
    isReady: () => pool.isReady(),
    close: () => {
      closed ??= pool.close();
      return closed;
    },
    serverStatus: () =>
      pool.servers().map((server) => {
        const connection = pool.connection(server);
        const error = connection?.lastFailure;
        return { server, state: connection?.currentState ?? 'failed', ...(error ? { error } : {}) };
      }),
    serverPid: (server) => pool.connection(server)?.pid ?? null,
  };
}
