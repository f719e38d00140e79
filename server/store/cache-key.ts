/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` name the same call. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Cache key of a tool call: tool name + normalized (validated, key-sorted) arguments. */
export const cacheKey = (tool: string, args: unknown): string => `${tool} ${stableStringify(args ?? {})}`;
