/** Deep partial of a plain config object (arrays and scalars are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges config layers left to right: later layers win key by key, nested objects merge, `undefined`
 * keeps the earlier value and `null` replaces it (so a layer can switch an inherited setting off).
 */
export function deepMerge<T>(base: T, ...layers: ReadonlyArray<DeepPartial<T> | undefined>): T {
  let out: unknown = base;
  for (const layer of layers) out = mergeTwo(out, layer);
  return out as T;
}

function mergeTwo(base: unknown, layer: unknown): unknown {
  if (layer === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(layer)) return layer;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) out[key] = mergeTwo(base[key], value);
  return out;
}
