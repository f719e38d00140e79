import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/**
 * May a call of this tool be repeated (retried, coalesced, served from the host cache)? An explicit
 * policy override wins; otherwise annotations decide, but only for a server the user trusts: a third
 * party's `readOnlyHint` is a hint, not permission.
 */
export function isIdempotent(opts: {
  override: boolean | null;
  trustAnnotations: boolean;
  annotations: ToolAnnotations | undefined;
}): boolean {
  if (opts.override !== null) return opts.override;
  if (!opts.trustAnnotations) return false;
  return opts.annotations?.readOnlyHint === true || opts.annotations?.idempotentHint === true;
}
