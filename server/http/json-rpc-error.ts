import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes used on the HTTP transport (server-defined range −32000…−32099, plus the spec's). */
export const RpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  /** What the SDK's own host-header check answers. */
  Forbidden: -32000,
  /** What the SDK's transport answers for an unknown session. */
  SessionNotFound: -32001,
  PayloadTooLarge: -32002,
  Unauthorized: -32003,
  Unavailable: -32004,
} as const;

/** Answers with an HTTP status and a JSON-RPC error body (id null: the request was not processed). */
export function sendRpcError(
  res: ServerResponse,
  httpStatus: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(httpStatus, { 'content-type': 'application/json', ...headers });
  res.end(body);
}
