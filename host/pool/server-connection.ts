import { EventEmitter, once } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Tool,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../shared/logger.js';
import type { ServerPolicy } from '../config/policy-schema.js';
import type { HostEventEmitter, ServerState } from '../events.js';
import { ConnectionLostError, HttpStatusError, ServerUnavailableError } from './errors.js';
import { listAllTools } from './list-tools.js';
import type { TransportFactory } from './transport.js';

export interface CallToolOptions {
  /** Aborting sends `notifications/cancelled` to the server and rejects the call. */
  signal: AbortSignal;
  /** Hard per-request bound in the SDK as well (a safety net under the caller's own timer). */
  timeoutMs: number;
}

export interface ServerConnectionDeps {
  makeTransport: TransportFactory;
  policy: ServerPolicy;
  events: HostEventEmitter;
  logger: Logger;
  /** Called with the full tool list after every connect and `tools/list_changed`. */
  onTools: (server: string, tools: Tool[]) => void;
}

/** A connection that lasted this long resets the restart backoff (so a crash loop keeps backing off). */
const STABLE_AFTER_MS = 30_000;

/**
 * One supervised MCP client. The SDK neither respawns nor reconnects, so this does: a dead stdio child
 * or a lost HTTP session (404) fails the pending calls at once (the SDK rejects them with "Connection
 * closed", which we report as retryable), then a fresh transport and client are connected with backoff.
 */
export class ServerConnection {
  private client: Client | undefined;
  private transport: Transport | undefined;
  private connecting: Client | undefined;
  private state: ServerState = 'connecting';
  private lastError = '';
  private readonly changes = new EventEmitter();
  private restartTimer: NodeJS.Timeout | undefined;
  private restartAttempt = 0;
  private connectedAt = 0;
  private closing = false;

  constructor(
    readonly name: string,
    private readonly deps: ServerConnectionDeps,
  ) {
    this.changes.setMaxListeners(0);
  }

  get currentState(): ServerState {
    return this.state;
  }

  /** Why the last connect or call failed ('' when nothing has failed yet). */
  get lastFailure(): string {
    return this.lastError;
  }

  /** The stdio child's pid (null for HTTP or while not connected); tests use it to kill the server. */
  get pid(): number | null {
    return this.transport instanceof StdioClientTransport ? this.transport.pid : null;
  }

  isConnected(): boolean {
    return this.client !== undefined;
  }

  /** First connect; on failure the connection keeps retrying in the background. Never throws. */
  async start(): Promise<void> {
    this.setState('connecting');
    await this.tryConnect();
  }

  async callTool(
    tool: string,
    args: Record<string, unknown>,
    opts: CallToolOptions,
  ): Promise<CallToolResult> {
    const client = await this.clientFor(opts.signal);
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, {
        signal: opts.signal,
        timeout: opts.timeoutMs,
        maxTotalTimeout: opts.timeoutMs,
      });
      return result as CallToolResult;
    } catch (error) {
      throw this.translate(error, client);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    const clients = [this.client, this.connecting].filter((c): c is Client => c !== undefined);
    const transport = this.transport;
    this.client = undefined;
    this.connecting = undefined;
    if (transport instanceof StreamableHTTPClientTransport) await endHttpSession(transport);
    // Client.close() ends the stdio child's stdin, then SIGTERM, then SIGKILL: no child is left behind.
    await Promise.allSettled(clients.map((c) => c.close()));
    this.setState('closed');
  }

  private setState(state: ServerState, error?: string): void {
    if (error !== undefined) this.lastError = error;
    const changed = state !== this.state;
    this.state = state;
    if (changed)
      this.deps.events.emit('server-state', { server: this.name, state, ...(error ? { error } : {}) });
    this.changes.emit('change');
  }

  /** Waits (bounded by `signal`) while (re)connecting; fails fast once a reconnect attempt has failed. */
  private async clientFor(signal: AbortSignal): Promise<Client> {
    for (;;) {
      if (this.client) return this.client;
      if (this.closing) throw new ServerUnavailableError(this.name, 'host is closing');
      if (this.state === 'failed') throw new ServerUnavailableError(this.name, this.lastError);
      await once(this.changes, 'change', { signal });
    }
  }

  private async tryConnect(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      if (this.closing) return;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ err: message }, 'MCP server connect failed');
      this.setState('failed', message);
      this.scheduleReconnect();
    }
  }

  private async connect(): Promise<void> {
    const { connectTimeoutMs } = this.deps.policy;
    const transport = this.deps.makeTransport();
    const client = new Client({ name: 'resilient-mcp-host', version: '0.1.0' }, { capabilities: {} });
    client.onerror = (error) => this.deps.logger.debug({ err: error.message }, 'MCP transport error');
    client.onclose = () => this.drop(client, 'connection closed');
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.refreshTools(client));
    this.connecting = client;
    try {
      const options = { signal: AbortSignal.timeout(connectTimeoutMs), timeout: connectTimeoutMs };
      await client.connect(transport, options);
      const tools = await listAllTools(client, options);
      if (this.closing) throw new Error('host is closing');
      this.client = client;
      this.transport = transport;
      this.connectedAt = Date.now();
      this.setState('connected');
      this.deps.onTools(this.name, tools);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    } finally {
      this.connecting = undefined;
    }
  }

  /** Forgets a dead client and starts reconnecting (ignores stale clients and shutdown). */
  private drop(client: Client, reason: string): void {
    if (client !== this.client || this.closing) return;
    this.client = undefined;
    this.transport = undefined;
    if (Date.now() - this.connectedAt > STABLE_AFTER_MS) this.restartAttempt = 0;
    this.deps.logger.warn({ reason }, 'MCP server connection lost; reconnecting');
    this.setState('restarting', reason);
    void client.close().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.restartTimer || this.connecting) return;
    const { baseDelayMs, maxDelayMs } = this.deps.policy.restart;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** this.restartAttempt);
    this.restartAttempt++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.closing) return;
      this.setState('restarting');
      void this.tryConnect();
    }, delay);
  }

  private async refreshTools(client: Client): Promise<void> {
    if (client !== this.client) return;
    try {
      this.deps.onTools(
        this.name,
        await listAllTools(client, { timeout: this.deps.policy.connectTimeoutMs }),
      );
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message }, 'tools/list refresh failed');
    }
  }

  /** Maps transport-level failures to `ConnectionLostError` (retryable) and triggers a reconnect. */
  private translate(error: unknown, client: Client): unknown {
    if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
      return new ConnectionLostError(this.name, error.message);
    }
    const sessionLost = error instanceof StreamableHTTPError && error.code === 404;
    if (error instanceof StreamableHTTPError && !sessionLost && (error.code ?? 0) >= 400) {
      return new HttpStatusError(this.name, error.code as number);
    }
    // undici's network failures are `TypeError: fetch failed`; "Not connected" is a closed stdio pipe.
    const unreachable =
      (error instanceof TypeError && error.message === 'fetch failed') ||
      (error instanceof Error && error.message === 'Not connected');
    if (sessionLost || unreachable) {
      const reason = sessionLost ? 'HTTP session expired (404)' : (error as Error).message;
      this.drop(client, reason);
      return new ConnectionLostError(this.name, reason);
    }
    return error;
  }
}

/** Politely ends an HTTP session, without letting a dead server delay shutdown. */
async function endHttpSession(transport: StreamableHTTPClientTransport): Promise<void> {
  if (!transport.sessionId) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 500).unref());
  await Promise.race([transport.terminateSession().catch(() => undefined), timeout]);
}
