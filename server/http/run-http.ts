import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { listen, urlHostname } from '../../shared/listen.js';
import { closeOnSignals } from '../../shared/shutdown.js';
import { DEFAULT_HTTP_MAX_SESSIONS } from '../config.js';
import type { ToolDeps } from '../tools/run-tool.js';
import { bearerGuard, LOOPBACK_HOSTNAMES, originGuard } from './guards.js';
import { RpcCode, sendRpcError } from './json-rpc-error.js';
import { SessionPool } from './sessions.js';

export interface HttpOptions {
  host: string;
  port: number;
  token?: string;
  /** Extra hostnames accepted in `Host`/`Origin` besides loopback and the bound address. */
  allowedHosts?: string[];
  /** Most sessions open at once (default 100); a full pool closes its least recently used idle one. */
  maxSessions?: number;
}

/** 100 kB: the JSON body limit of the SDK's express app (express.json default); MCP requests are small. */
const MAX_BODY_BYTES = 100 * 1024;
const SESSION_IDLE_MS = 30 * 60_000;
/** A busy session frees up when its call ends, which the upstream timeout bounds (8 s by default). */
const BUSY_RETRY_AFTER_S = 5;

type Request = IncomingMessage & { body?: unknown };

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::';

/** The request's session transport, or an error answer (and undefined) when it has none it may use. */
async function transportFor(pool: SessionPool, req: Request, res: ServerResponse) {
  const sessionId = req.headers['mcp-session-id'];
  if (typeof sessionId === 'string') {
    const transport = pool.use(sessionId, res);
    if (!transport) sendRpcError(res, 404, RpcCode.SessionNotFound, 'Session not found');
    return transport;
  }
  if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
    sendRpcError(
      res,
      400,
      RpcCode.InvalidRequest,
      'Bad Request: no Mcp-Session-Id; start with an initialize request',
    );
    return undefined;
  }
  if (!pool.makeRoom()) {
    sendRpcError(
      res,
      503,
      RpcCode.Unavailable,
      'Too many open sessions, all busy with a request; retry shortly, or close one (DELETE /mcp)',
      { 'retry-after': String(BUSY_RETRY_AFTER_S) },
    );
    return undefined;
  }
  return pool.open(res);
}

/**
 * Serves MCP over Streamable HTTP at `/mcp` (+ `/healthz`). The SDK's express app validates `Host`
 * (DNS-rebinding protection) and parses JSON with a size limit; we add the `Origin` check, the optional
 * bearer token and JSON-RPC answers for every refused request.
 */
export async function runHttp(deps: ToolDeps, options: HttpOptions): Promise<void> {
  const { log } = deps;
  const boundName = urlHostname(options.host);
  const loopbackOnly = LOOPBACK_HOSTNAMES.includes(boundName);
  if (!loopbackOnly && !options.token) {
    throw new Error(
      `refusing to serve on ${options.host} without a token: pass --token or set RESILIENT_MCP_TOKEN`,
    );
  }
  const allowed = [
    ...LOOPBACK_HOSTNAMES,
    ...(isWildcard(options.host) ? [] : [boundName]),
    ...(options.allowedHosts ?? []),
  ];
  const app = createMcpExpressApp({ host: options.host, allowedHosts: allowed });
  const pool = new SessionPool(deps, {
    maxSessions: options.maxSessions ?? DEFAULT_HTTP_MAX_SESSIONS,
    idleMs: SESSION_IDLE_MS,
    maxRequestBodySize: MAX_BODY_BYTES,
  });

  app.get('/healthz', (_req: Request, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', sessions: pool.size }));
  });
  app.use('/mcp', originGuard(allowed));
  if (options.token) app.use('/mcp', bearerGuard(options.token));
  app.all('/mcp', async (req: Request, res: ServerResponse) => {
    if (!['POST', 'GET', 'DELETE'].includes(req.method ?? '')) {
      // (OPTIONS preflights from allowed origins were answered by originGuard.)
      sendRpcError(res, 405, RpcCode.InvalidRequest, `Method ${req.method} not allowed on /mcp`, {
        allow: 'GET, POST, DELETE',
      });
      return;
    }
    try {
      const transport = await transportFor(pool, req, res);
      await transport?.handleRequest(req, res, req.body);
    } catch (error) {
      log.error({ err: error }, 'MCP request failed');
      if (!res.headersSent) sendRpcError(res, 500, -32603, 'Internal error');
    }
  });
  app.use((_req: Request, res: ServerResponse) =>
    sendRpcError(res, 404, RpcCode.InvalidRequest, 'Not found: MCP is at /mcp'),
  );
  // express.json() errors (too large, not JSON) arrive here; answer them as JSON-RPC, not express's HTML.
  app.use(
    (error: { type?: string; status?: number }, _req: Request, res: ServerResponse, _next: () => void) => {
      if (error.type === 'entity.too.large') {
        sendRpcError(res, 413, RpcCode.PayloadTooLarge, `Request body over ${MAX_BODY_BYTES} bytes`);
      } else if (error.type === 'entity.parse.failed') {
        sendRpcError(res, 400, RpcCode.ParseError, 'Parse error: request body is not valid JSON');
      } else {
        sendRpcError(res, error.status ?? 400, RpcCode.InvalidRequest, 'Bad Request');
      }
    },
  );

  const server = createServer(app);
  const port = await listen(server, options.port, options.host);
  closeOnSignals(
    async () => {
      await pool.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.store.flush();
    },
    { log },
  );
  // A plain line, not a log record: scripts and tests read the URL from it.
  process.stderr.write(`resilient-mcp: listening on http://${boundName}:${port}/mcp\n`);
}
