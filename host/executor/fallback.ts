import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CACHE_META_KEY, CacheMeta } from '../../shared/mcp-meta.js';
import type { Catalog, CatalogEntry } from '../catalog/catalog.js';
import type { Failure } from '../policy/classify.js';
import type { LastGoodCache } from '../policy/last-good-cache.js';
import { linkedAbort } from '../policy/linked-abort.js';
import type { ToolCaller } from '../pool/pool.js';
import { fallbackNote } from './messages.js';
import { type ToolResultBlock, toToolResultContent, withNote } from './result-convert.js';

export interface FallbackServed {
  source: 'backup' | 'cache';
  content: ToolResultBlock[];
  ageSeconds: number | undefined;
}

export interface FallbackRequest {
  entry: CatalogEntry;
  args: Record<string, unknown>;
  cacheKey: string;
  failure: Failure;
  maxResultChars: number;
  backupTimeoutMs: number;
  /** Absolute turn deadline: the backup call is cut off there. */
  deadlineAt: number;
  /** The turn's signal: once aborted, only the (instant) host cache is consulted. */
  signal: AbortSignal | undefined;
}

/**
 * Fallback routing after the tool itself failed, in order: its declared backup variant (one bounded
 * call, no retries; skipped or cancelled when the turn is aborted), then the host's last-good cache, else nothing
 * (the caller then returns an `is_error` result). Served content starts with a provenance note.
 */
export class FallbackRouter {
  constructor(
    private readonly caller: ToolCaller,
    private readonly catalog: Catalog,
    private readonly cache: LastGoodCache<ToolResultBlock[]>,
  ) {}

  async serve(req: FallbackRequest): Promise<FallbackServed | undefined> {
    const fromBackup = req.signal?.aborted ? undefined : await this.fromBackup(req);
    return fromBackup ?? this.fromCache(req);
  }

  private async fromBackup(req: FallbackRequest): Promise<FallbackServed | undefined> {
    const backup = req.entry.backup ? this.catalog.get(req.entry.backup) : undefined;
    const timeoutMs = Math.min(req.backupTimeoutMs, req.deadlineAt - Date.now());
    if (!backup || timeoutMs <= 0) return undefined;
    // Backups skip retry, breaker and the bulkhead: they are quick local reads, and must not queue
    // behind the very calls that are hanging. Aborting the turn cancels the backup call too.
    const abort = linkedAbort([req.signal], timeoutMs);
    try {
      const result = await this.caller.callTool(backup.server, backup.mcpTool, req.args, {
        signal: abort.signal,
        timeoutMs,
      });
      if (result.isError) return undefined;
      const ageSeconds = ageOf(result);
      const note = fallbackNote({
        tool: req.entry.name,
        mcpTool: req.entry.mcpTool,
        failure: req.failure,
        source: `its backup tool ${backup.name}`,
        ageSeconds,
      });
      return {
        source: 'backup',
        content: withNote(note, toToolResultContent(result, req.maxResultChars)),
        ageSeconds,
      };
    } catch {
      return undefined;
    } finally {
      abort.dispose();
    }
  }

  private fromCache(req: FallbackRequest): FallbackServed | undefined {
    const hit = req.entry.idempotent ? this.cache.get(req.cacheKey) : undefined;
    if (!hit) return undefined;
    const note = fallbackNote({
      tool: req.entry.name,
      mcpTool: req.entry.mcpTool,
      failure: req.failure,
      source: `the host's last good result (recorded ${new Date(hit.storedAt).toISOString()})`,
      ageSeconds: hit.ageSeconds,
    });
    return { source: 'cache', content: withNote(note, hit.value), ageSeconds: hit.ageSeconds };
  }
}

/** Age from our server's cache `_meta` or `structuredContent.ageSeconds`. */
function ageOf(result: CallToolResult): number | undefined {
  const meta = CacheMeta.safeParse(result._meta?.[CACHE_META_KEY]);
  if (meta.success) return Math.round(meta.data.ageSeconds);
  const age = (result.structuredContent as { ageSeconds?: unknown } | undefined)?.ageSeconds;
  return typeof age === 'number' ? Math.round(age) : undefined;
}
