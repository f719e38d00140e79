/**
 * JSON with object keys sorted at every depth (undefined members dropped, as JSON.stringify does), so
 * `{a:1,b:2}` and `{b:2,a:1}` serialize alike: the identity of a tool call's arguments for caches and
 * coalescing, on the server and in the host.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? 'null'
  );
}
