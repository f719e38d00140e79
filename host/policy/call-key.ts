/**
 * Identity of a call for coalescing and the host cache: server + tool + arguments in a canonical form
 * (object keys sorted at every depth), so `{a:1,b:2}` and `{b:2,a:1}` are the same call.
 */
export function callKey(server: string, tool: string, args: unknown): string {
  return `${server}\u0000${tool}\u0000${canonicalJson(args)}`;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
