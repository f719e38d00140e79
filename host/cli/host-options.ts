import path from 'node:path';
import type { Command } from 'commander';
import { exitWithError } from '../../shared/cli-options.js';
import { AgentConfigError } from '../agent/config.js';
import { ConfigError } from '../config/load-json.js';
import type { Host, ServerStatus } from '../index.js';
import { EXIT } from './exit-codes.js';

export interface HostFlags {
  config: string;
  policy?: string;
}

/** The flags every host command shares: where the MCP servers and the resilience policy come from. */
export function addHostOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'MCP servers to use (mcp.json, "mcpServers" format)', 'mcp.json')
    .option('-p, --policy <file>', 'resilience policy (default: resilience.json beside the config, if any)');
}

/**
 * Connects to every server in mcp.json (config errors name the file and field). A server that did not
 * connect is named on stderr with its reason; when none did, the command cannot do anything useful and
 * fails instead of carrying on with an empty catalog.
 */
export async function openHost(flags: HostFlags, env: NodeJS.ProcessEnv = process.env): Promise<Host> {
  const { createHost } = await import('../index.js');
  const host = await createHost({
    mcpConfigPath: path.resolve(flags.config),
    ...(flags.policy ? { policyPath: path.resolve(flags.policy) } : {}),
    env,
  });
  const status = host.serverStatus();
  const down = status.filter((s) => s.state !== 'connected');
  const describe = (s: ServerStatus) => `"${s.server}" (${s.error || s.state})`;
  if (status.length > 0 && down.length === status.length) {
    await host.close();
    throw new Error(`no MCP server connected: ${down.map(describe).join(', ')}`);
  }
  for (const s of down) {
    process.stderr.write(`warning: MCP server ${describe(s)} is not connected; its tools are missing\n`);
  }
  return host;
}

/** Bad configuration or arguments, as opposed to a failure while running. */
function isUsageError(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof AgentConfigError || error instanceof SyntaxError;
}

/** Prints `resilient-mcp <command>: <message>` to stderr and exits; config errors exit with `usage`. */
export function failCommand(command: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  return exitWithError(
    `resilient-mcp ${command}: ${message}`,
    isUsageError(error) ? EXIT.usage : EXIT.failed,
  );
}
