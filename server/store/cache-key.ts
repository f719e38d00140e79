import { canonicalJson } from '../../shared/canonical-json.js';

/** Cache key of a tool call: tool name + normalized (validated, key-sorted) arguments. */
export const cacheKey = (tool: string, args: unknown): string => `${tool} ${canonicalJson(args ?? {})}`;
