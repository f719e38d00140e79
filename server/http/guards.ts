import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcCode, sendRpcError } from './json-rpc-error.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, accept, last-event-id, mcp-session-id, mcp-protocol-version',
  'access-control-expose-headers': 'mcp-session-id, www-authenticate',
  'access-control-max-age': '600',
  vary: 'Origin',
};

/** The hostname of an http(s) origin, or undefined when it is not one (e.g. the opaque origin "null"). */
function originHostname(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * DNS-rebinding protection, second half (the SDK's host-header middleware is the first): a browser page
 * may only talk to us from an allowed origin. Requests without `Origin` (non-browser clients) pass.
 * Allowed origins get CORS headers (and their preflight a 204), so browser clients on localhost such as
 * MCP Inspector's direct mode work; any other origin is refused before CORS could matter.
 */
export function originGuard(allowedHostnames: readonly string[]): Middleware {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    const hostname = originHostname(origin);
    if (hostname === undefined || !allowedHostnames.includes(hostname)) {
      sendRpcError(res, 403, RpcCode.Forbidden, `Forbidden: origin ${origin} is not allowed`);
      return;
    }
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    res.setHeader('access-control-allow-origin', origin);
    if (req.method !== 'OPTIONS') return next();
    res.writeHead(204);
    res.end();
  };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Requires `Authorization: Bearer <token>`; compares in constant time. */
export function bearerGuard(token: string): Middleware {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1].trim()), expected)) return next();
    sendRpcError(
      res,
      401,
      RpcCode.Unauthorized,
      match ? 'Unauthorized: wrong bearer token' : 'Unauthorized: send Authorization: Bearer <token>',
      { 'www-authenticate': 'Bearer realm="resilient-mcp"' },
    );
  };
}
