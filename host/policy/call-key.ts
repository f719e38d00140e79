import { canonicalJson } from '../../shared/canonical-json.js';

/**
 * Identity of a call for coalescing and the host cache: server + tool + arguments in a canonical form
 * (object keys sorted at every depth), so `{a:1,b:2}` and `{b:2,a:1}` are the same call.
 */
export function callKey(server: string, tool: string, args: unknown): string {
  return `${server}\u0000${tool}\u0000${canonicalJson(args)}`;
}
