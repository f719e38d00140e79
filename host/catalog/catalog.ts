import type Anthropic from '@anthropic-ai/sdk';
import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { BACKUP_FOR_META_KEY, FALLBACK_META_KEY } from '../../shared/mcp-meta.js';
import { namespacedToolName, toToolName } from './naming.js';

export interface CatalogEntry {
  /** The name Claude sees and calls. */
  name: string;
  server: string;
  /** The tool's own name on its server. */
  mcpTool: string;
  title?: string;
  description?: string;
  inputSchema: Tool['inputSchema'];
  annotations?: ToolAnnotations;
  /** A backup variant hidden from Claude (used only for fallback routing). */
  hidden: boolean;
  /** Catalog name of this tool's declared backup variant (`_meta["resilient-mcp/fallback"]`). */
  backup?: string;
  /** Catalog name of the tool this one backs up. */
  backupFor?: string;
  /** May be retried, coalesced and served from the host cache (policy override or trusted annotations). */
  idempotent: boolean;
}

export interface CatalogOptions {
  /** Show backup variants to Claude as ordinary tools. */
  exposeBackups: boolean;
  isIdempotent: (server: string, tool: Tool) => boolean;
}

function metaString(tool: Tool, key: string): string | undefined {
  const value = tool._meta?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * One tool catalog over every server. Names unique across servers stay as they are; names that collide
 * are namespaced `server__tool` (on every server that has them), within Claude's 128-char name rule.
 */
export class Catalog {
  private readonly toolsByServer = new Map<string, Tool[]>();
  private byName = new Map<string, CatalogEntry>();

  constructor(
    private readonly options: CatalogOptions,
    serverOrder: readonly string[] = [],
  ) {
    for (const server of serverOrder) this.toolsByServer.set(server, []);
  }

  /** Replaces one server's tools (after connect or `tools/list_changed`) and rebuilds the names. */
  update(server: string, tools: Tool[]): void {
    this.toolsByServer.set(server, tools);
    this.rebuild();
  }

  entries(): CatalogEntry[] {
    return [...this.byName.values()];
  }

  /** Tools Claude may call (backups hidden unless exposed). */
  visible(): CatalogEntry[] {
    return this.entries().filter((e) => !e.hidden);
  }

  get(name: string): CatalogEntry | undefined {
    return this.byName.get(name);
  }

  anthropicTools(): Anthropic.Tool[] {
    return this.visible().map((entry) => ({
      name: entry.name,
      ...(entry.description ? { description: entry.description } : {}),
      input_schema: entry.inputSchema as Anthropic.Tool.InputSchema,
    }));
  }

  private rebuild(): void {
    const serversPerTool = new Map<string, number>();
    for (const tools of this.toolsByServer.values()) {
      for (const name of new Set(tools.map((t) => t.name))) {
        serversPerTool.set(name, (serversPerTool.get(name) ?? 0) + 1);
      }
    }
    const byName = new Map<string, CatalogEntry>();
    const local = new Map<string, Map<string, CatalogEntry>>(); // server → mcp name → entry
    for (const [server, tools] of this.toolsByServer) {
      const serverEntries = new Map<string, CatalogEntry>();
      local.set(server, serverEntries);
      for (const tool of tools) {
        if (serverEntries.has(tool.name)) continue;
        const name = this.uniqueName(byName, server, tool.name, (serversPerTool.get(tool.name) ?? 0) > 1);
        const entry: CatalogEntry = {
          name,
          server,
          mcpTool: tool.name,
          ...(tool.title ? { title: tool.title } : {}),
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: tool.inputSchema,
          ...(tool.annotations ? { annotations: tool.annotations } : {}),
          hidden: false,
          idempotent: this.options.isIdempotent(server, tool),
        };
        byName.set(name, entry);
        serverEntries.set(tool.name, entry);
      }
      this.linkBackups(tools, serverEntries);
    }
    this.byName = byName;
  }

  /** Backups live on the same server as the tool they back up. */
  private linkBackups(tools: Tool[], entries: Map<string, CatalogEntry>): void {
    for (const tool of tools) {
      const entry = entries.get(tool.name);
      const backupName = metaString(tool, FALLBACK_META_KEY);
      const backup = backupName === undefined ? undefined : entries.get(backupName);
      if (entry && backup && backup !== entry) {
        entry.backup = backup.name;
        backup.backupFor = entry.name;
        backup.hidden = !this.options.exposeBackups;
      }
      if (entry && metaString(tool, BACKUP_FOR_META_KEY) !== undefined) {
        entry.hidden = !this.options.exposeBackups;
      }
    }
  }

  private uniqueName(
    taken: Map<string, CatalogEntry>,
    server: string,
    tool: string,
    collides: boolean,
  ): string {
    const preferred = collides ? namespacedToolName(server, tool) : toToolName(tool);
    if (!taken.has(preferred)) return preferred;
    const namespaced = namespacedToolName(server, tool);
    for (let i = 2; ; i++) {
      const candidate = i === 2 ? namespaced : toToolName(`${namespaced}_${i}`);
      if (!taken.has(candidate)) return candidate;
    }
  }
}
