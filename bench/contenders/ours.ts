import type { BenchToolUse, CallContender, TurnContender } from './types.js';

/**
 * Contender 4: our host (`createHost` from host/index.ts), on the same server as the others through a temp
 * mcp.json. Tool names go through the host's catalog (it may namespace them as `server__tool`).
 */

interface ToolResultLike {
  is_error?: boolean;
}
interface HostLike {
  anthropicTools(): Array<{ name: string }>;
  executeTurn(toolUses: BenchToolUse[]): Promise<ToolResultLike[]>;
  callTool(name: string, args: unknown): Promise<{ toolResult: ToolResultLike; record: { ok: boolean } }>;
  events: NodeJS.EventEmitter;
  close(): Promise<void>;
}
interface HostModule {
  createHost(opts: { mcpConfigPath: string; policy?: Record<string, unknown> }): Promise<HostLike>;
}

export interface Ours {
  host: HostLike;
  turn: TurnContender;
  call: CallContender;
  /** The host's name for a server tool (also for hidden `_cached` backups). */
  nameOf(tool: string): string;
}

export async function startOurs(mcpConfigPath: string, policy: Record<string, unknown>): Promise<Ours> {
  // A variable specifier until host/index.ts lands; then a static import.
  const spec = '../../host/index.js';
  const { createHost } = (await import(spec)) as HostModule;
  const host = await createHost({ mcpConfigPath, policy });
  const known = new Set(host.anthropicTools().map((t) => t.name));
  const nameOf = (tool: string) => [...known].find((n) => n === tool || n.endsWith(`__${tool}`)) ?? tool;
  return {
    host,
    nameOf,
    turn: {
      name: 'ours',
      async runTurn(toolUses) {
        const results = await host.executeTurn(toolUses.map((use) => ({ ...use, name: nameOf(use.name) })));
        return { total: toolUses.length, usable: results.filter((r) => r.is_error !== true).length };
      },
    },
    call: {
      name: 'ours',
      call: async (tool, input) => (await host.callTool(nameOf(tool), input)).record.ok,
    },
  };
}
