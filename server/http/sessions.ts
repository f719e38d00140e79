import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer } from '../create-server.js';
import type { ToolDeps } from '../tools/run-tool.js';

interface Session {
  transport: StreamableHTTPServerTransport;
  lastSeen: number;
}

export interface SessionPoolOptions {
  maxSessions: number;
  /** Sessions idle this long are closed (clients that vanish without DELETE would otherwise leak). */
  idleMs: number;
  maxRequestBodySize: number;
}

/**
 * One MCP server + transport per client session. Sessions (rather than stateless mode) are what let a
 * `notifications/cancelled` POST reach the server that runs the call, so cancelling aborts its upstream
 * request; they share the config and the last-good store.
 */
export class SessionPool {
  readonly #sessions = new Map<string, Session>();
  readonly #deps: ToolDeps;
  readonly #options: SessionPoolOptions;
  readonly #sweeper: NodeJS.Timeout;

  constructor(deps: ToolDeps, options: SessionPoolOptions) {
    this.#deps = deps;
    this.#options = options;
    this.#sweeper = setInterval(() => this.#closeIdle(), Math.min(options.idleMs, 60_000));
    this.#sweeper.unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  get isFull(): boolean {
    return this.#sessions.size >= this.#options.maxSessions;
  }

  get(sessionId: string): StreamableHTTPServerTransport | undefined {
    const session = this.#sessions.get(sessionId);
    if (session) session.lastSeen = Date.now();
    return session?.transport;
  }

  /** A transport for a new session; it joins the pool once its initialize request is handled. */
  async open(): Promise<StreamableHTTPServerTransport> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.#options.maxRequestBodySize,
      onsessioninitialized: (sessionId) => {
        this.#sessions.set(sessionId, { transport, lastSeen: Date.now() });
        this.#deps.log.debug({ sessionId, sessions: this.#sessions.size }, 'session opened');
      },
      onsessionclosed: (sessionId) => {
        this.#sessions.delete(sessionId);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) this.#sessions.delete(transport.sessionId);
    };
    await createMcpServer(this.#deps).connect(transport);
    return transport;
  }

  #closeIdle(): void {
    const cutoff = Date.now() - this.#options.idleMs;
    for (const [sessionId, session] of this.#sessions) {
      if (session.lastSeen >= cutoff) continue;
      this.#deps.log.info({ sessionId }, 'closing idle session');
      this.#sessions.delete(sessionId);
      session.transport.close().catch(() => undefined);
    }
  }

  /** Closes every session (their running calls are aborted, which stops their upstream requests). */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.transport.close()));
  }
}
