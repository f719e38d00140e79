import { createHost, type Host, type PolicyConfigInput } from '../../host/index.js';
import type { CallContender, TurnContender } from './types.js';

/**
 * Contender 4: our host (`createHost` from host/index.ts) on the same server as the others, through a
 * temp mcp.json. Tool names go through the host's catalog (names that collide across servers become
 * `server__tool`; hidden backups such as `X_cached` are in the catalog too).
 */
export interface Ours {
  host: Host;
  turn: TurnContender;
  call: CallContender;
}

export async function startOurs(mcpConfigPath: string, policy: PolicyConfigInput): Promise<Ours> {
  const host = await createHost({ mcpConfigPath, policy });
  // Catalog names by the server's own tool name, resolved once, off the timed path.
  const names = new Map(host.catalog.entries().map((e) => [e.mcpTool, e.name]));
  const nameOf = (tool: string) => names.get(tool) ?? tool;
  return {
    host,
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
