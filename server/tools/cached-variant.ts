import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { BACKUP_FOR_META_KEY, CACHE_META_KEY, type CacheMeta } from '../../shared/mcp-meta.js';
import type { LastGoodStore } from '../store/last-good-store.js';
import { ToolError, toolErrorResult } from '../tool-error.js';
import type { ToolDefinition } from './definition.js';

export const cachedToolName = (tool: string): string => `${tool}_cached`;

/** The MCP registration of `X_cached`, derived from X's definition: never written by hand. */
export interface CachedToolRegistration {
  name: string;
  config: {
    title: string;
    description: string;
    inputSchema: z.ZodObject;
    outputSchema: z.ZodObject;
    annotations: ToolDefinition['config']['annotations'];
    _meta: Record<string, unknown>;
  };
  handler(args: unknown): CallToolResult;
}

/** Answers from the store only: no upstream call, so it works while the upstream is down. */
export function cachedVariant(definition: ToolDefinition, store: LastGoodStore): CachedToolRegistration {
  const { name, config } = definition;
  const outputSchema = z.object({
    result: config.outputSchema.describe(`What ${name} returned`),
    cachedAt: z.iso.datetime().describe('When that result was recorded (ISO 8601)'),
    ageSeconds: z.number().int().nonnegative().describe('How old the result is, in seconds'),
    source: z.literal('cache'),
  });
  return {
    name: cachedToolName(name),
    config: {
      title: `${config.title} (cached)`,
      description:
        `Backup for ${name}: returns the last good result ${name} gave for the same arguments, from a local ` +
        `cache, without contacting the upstream service. Use it only when ${name} fails or is unavailable. ` +
        'The result may be out of date: its age is in ageSeconds and cachedAt; tell the user how old it is. ' +
        `Fails when ${name} has not succeeded for these arguments before.`,
      inputSchema: config.inputSchema,
      outputSchema,
      annotations: {
        title: `${config.title} (cached)`,
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      _meta: { [BACKUP_FOR_META_KEY]: name },
    },
    handler(args) {
      const entry = store.get(name, args);
      // An entry from an older version of the tool may no longer fit its output schema: treat as absent.
      const result = entry && config.outputSchema.safeParse(entry.value);
      if (!entry || !result?.success) {
        const error = new ToolError(
          'cache_empty',
          `no cached result for these arguments: ${name} has not succeeded for them yet, so there is nothing to fall back on.`,
          { retryable: false },
        );
        return toolErrorResult(cachedToolName(name), error);
      }
      const ageSeconds = Math.max(0, Math.round((Date.now() - Date.parse(entry.cachedAt)) / 1000));
      const cache: CacheMeta = { cachedAt: entry.cachedAt, ageSeconds };
      return {
        content: [
          {
            type: 'text',
            text: `[cached result, ${ageSeconds} s old, recorded ${entry.cachedAt}]\n${definition.toText(result.data)}`,
          },
        ],
        structuredContent: { result: result.data, ...cache, source: 'cache' },
        _meta: { [CACHE_META_KEY]: cache },
      };
    },
  };
}
