import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from './api-error.js';

/**
 * The key a request carries: SDK 1.x sends `Authorization: Bearer <key>`; older clients and curl
 * examples send `x-api-key`. Both are accepted, as the real API does.
 */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const xKey = headers['x-api-key'];
  if (typeof xKey === 'string' && xKey.trim()) return xKey.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return bearer?.[1]?.trim() || undefined;
}

/**
 * Valid keys: the configured set, or any non-empty key. Keys starting `sk-invalid` are always
 * rejected so tests can exercise the 401 path without configuring anything.
 */
export function authError(
  headers: IncomingHttpHeaders,
  validKeys?: ReadonlySet<string>,
): ApiError | undefined {
  const key = apiKeyOf(headers);
  if (!key) return { type: 'authentication_error', message: 'x-api-key header is required' };
  const valid = validKeys ? validKeys.has(key) : !key.startsWith('sk-invalid');
  return valid ? undefined : { type: 'authentication_error', message: 'invalid x-api-key' };
}
