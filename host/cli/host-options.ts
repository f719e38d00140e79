import path from 'node:path';
import type { Command } from 'commander';
import { AgentConfigError } from '../agent/config.js';
import { ConfigError } from '../config/load-json.js';
import type { Host } from '../index.js';
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

/** Connects to every server in mcp.json; config errors name the file and field. */
export async function openHost(flags: HostFlags, env: NodeJS.ProcessEnv = process.env): Promise<Host> {
  const { createHost } = await import('../index.js');
  return createHost({
    mcpConfigPath: path.resolve(flags.config),
    ...(flags.policy ? { policyPath: path.resolve(flags.policy) } : {}),
    env,
  });
}

/** Bad configuration or arguments, as opposed to a failure while running. */
function isUsageError(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof AgentConfigError || error instanceof SyntaxError;
}

/** Prints `resilient-mcp <command>: <message>` to stderr and exits; config errors exit with `usage`. */
export function failCommand(command: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`resilient-mcp ${command}: ${message}\n`);
  process.exit(isUsageError(error) ? EXIT.usage : EXIT.failed);
}
