import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer } from '../create-server.js';
import type { ToolDeps } from '../tools/run-tool.js';

interface Session {
  transport: StreamableHTTPServerTransport;
  /** When a request of the session last started or ended. */
  lastSeen: number;
  /** Requests whose response is still open: a running call, an SSE stream a client listens on. */
  inFlight: number;
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
 *
 * Many clients never send DELETE (MCP Inspector's CLI, scripts that just exit), so a full pool makes room
 * by closing its least recently used idle session rather than refusing newcomers until the idle timeout.
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

  /** The session's transport; the request counts as in flight (the session as busy) until `res` closes. */
  use(sessionId: string, res: ServerResponse): StreamableHTTPServerTransport | undefined {
    const session = this.#sessions.get(sessionId);
    if (session) this.#track(session, res);
    return session?.transport;
  }

  /**
   * Makes room for one more session: while the pool is full, closes the least recently used session
   * with no request in flight. False when every session is busy. (Initializes racing each other may
   * overshoot the limit by a few; the next one trims the pool back.)
   */
  makeRoom(): boolean {
    while (this.#sessions.size >= this.#options.maxSessions) {
      const oldest = this.#leastRecentlyUsedIdle();
      if (!oldest) return false;
      this.#deps.log.info(
        { sessionId: oldest, sessions: this.#sessions.size },
        'pool full: closing LRU idle session',
      );
      this.#close(oldest);
    }
    return true;
  }

  /** A transport for a new session; it joins the pool once the initialize request `res` answers is handled. */
  async open(res: ServerResponse): Promise<StreamableHTTPServerTransport> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.#options.maxRequestBodySize,
      onsessioninitialized: (sessionId) => {
        const session: Session = { transport, lastSeen: Date.now(), inFlight: 0 };
        this.#sessions.set(sessionId, session);
        this.#track(session, res);
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

  #track(session: Session, res: ServerResponse): void {
    session.lastSeen = Date.now();
    if (res.closed) return;
    session.inFlight += 1;
    res.once('close', () => {
      session.inFlight -= 1;
      session.lastSeen = Date.now();
    });
  }

  #leastRecentlyUsedIdle(): string | undefined {
    let oldest: [string, Session] | undefined;
    for (const entry of this.#sessions) {
      if (entry[1].inFlight === 0 && (!oldest || entry[1].lastSeen < oldest[1].lastSeen)) oldest = entry;
    }
    return oldest?.[0];
  }

  #close(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    this.#sessions.delete(sessionId);
    session?.transport.close().catch(() => undefined);
  }

  #closeIdle(): void {
    const cutoff = Date.now() - this.#options.idleMs;
    for (const [sessionId, session] of this.#sessions) {
      if (session.inFlight > 0 || session.lastSeen >= cutoff) continue;
      this.#deps.log.info({ sessionId }, 'closing idle session');
      this.#close(sessionId);
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
