import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcCode, sendRpcError } from './json-rpc-error.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * DNS-rebinding protection, second half (the SDK's host-header middleware is the first): a browser page
 * may only talk to us from an allowed origin. Requests without `Origin` (non-browser clients) pass.
 */
export function originGuard(allowedHostnames: readonly string[]): Middleware {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    let hostname: string | undefined;
    try {
      const url = new URL(origin);
      if (url.protocol === 'http:' || url.protocol === 'https:') hostname = url.hostname;
    } catch {
      // unparsable origin (e.g. "null"): rejected below
    }
    if (hostname !== undefined && allowedHostnames.includes(hostname)) return next();
    sendRpcError(res, 403, RpcCode.Forbidden, `Forbidden: origin ${origin} is not allowed`);
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
