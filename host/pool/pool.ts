import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../shared/logger.js';
import type { McpConfig } from '../config/mcp-config.js';
import { type PolicyConfig, serverPolicyFor } from '../config/policy-config.js';
import type { HostEventEmitter } from '../events.js';
import { ServerUnavailableError } from './errors.js';
import { type CallToolOptions, ServerConnection } from './server-connection.js';
import { type TransportFactory, transportFactoryFor } from './transport.js';

/** What the executor needs from the pool (an interface so policies can be tested without servers). */
export interface ToolCaller {
  callTool(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    opts: CallToolOptions,
  ): Promise<CallToolResult>;
}

export interface ClientPoolOptions {
  config: McpConfig;
  policy: PolicyConfig;
  events: HostEventEmitter;
  logger: Logger;
  /** Called with a server's full tool list after each connect and `tools/list_changed`. */
  onTools: (server: string, tools: Tool[]) => void;
  /** Replaces the transports built from the config (tests use in-memory transports). */
  transports?: Record<string, TransportFactory>;
}

/** One supervised `ServerConnection` per `mcpServers` entry. */
export class ClientPool implements ToolCaller {
  private readonly connections = new Map<string, ServerConnection>();

  constructor(opts: ClientPoolOptions) {
    for (const [name, server] of Object.entries(opts.config.servers)) {
      const logger = opts.logger.child({ server: name });
      this.connections.set(
        name,
        new ServerConnection(name, {
          makeTransport: opts.transports?.[name] ?? transportFactoryFor(server, logger),
          policy: serverPolicyFor(opts.policy, name),
          events: opts.events,
          logger,
          onTools: opts.onTools,
        }),
      );
    }
  }

  /** Connects every server in parallel; a server that fails keeps reconnecting in the background. */
  async start(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.start()));
  }

  servers(): string[] {
    return [...this.connections.keys()];
  }

  connection(server: string): ServerConnection | undefined {
    return this.connections.get(server);
  }

  isReady(): boolean {
    return [...this.connections.values()].every((c) => c.isConnected());
  }

  callTool(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    opts: CallToolOptions,
  ): Promise<CallToolResult> {
    const connection = this.connections.get(server);
    if (!connection) return Promise.reject(new ServerUnavailableError(server, 'not configured'));
    return connection.callTool(tool, args, opts);
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close()));
  }
}
