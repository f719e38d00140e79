import { z } from 'zod';

/**
 * `_meta` keys through which our server tells any MCP host how its tools relate and why a call failed.
 * Reverse-DNS style prefix per the MCP spec's `_meta` naming rules. server/ writes them, host/ reads them.
 */

/** On tool `X` in tools/list: the name of its backup variant (`X_cached`). */
export const FALLBACK_META_KEY = 'resilient-mcp/fallback';
/** On tool `X_cached` in tools/list: the name of the tool it backs up (`X`). */
export const BACKUP_FOR_META_KEY = 'resilient-mcp/backup-for';
/** On an `isError` CallToolResult: why it failed and whether a retry could help. */
export const ERROR_META_KEY = 'resilient-mcp/error';
/** On a result served from a cache: when the value was recorded. */
export const CACHE_META_KEY = 'resilient-mcp/cache';

export const ToolErrorKind = z.enum([
  'invalid_arguments',
  'not_found',
  'upstream_status',
  'upstream_timeout',
  'upstream_unreachable',
  'upstream_malformed',
  'cache_empty',
  'cancelled',
  'internal',
]);
export type ToolErrorKind = z.infer<typeof ToolErrorKind>;

export const ToolErrorMeta = z.object({
  kind: ToolErrorKind,
  /** True when the same call may succeed if tried again (timeouts, 5xx, 429, connection errors). */
  retryable: z.boolean(),
  /** Upstream HTTP status, when there was one. */
  status: z.number().int().optional(),
});
export type ToolErrorMeta = z.infer<typeof ToolErrorMeta>;

export const CacheMeta = z.object({
  cachedAt: z.string(),
  ageSeconds: z.number(),
});
export type CacheMeta = z.infer<typeof CacheMeta>;
