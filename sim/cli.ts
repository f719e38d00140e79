import type { Command } from 'commander';
import { registerFakeClaudeCommand } from './fake-claude/cli.js';
import { registerUpstreamSimCommand } from './upstream/cli.js';

/** Registers the simulators: `resilient-mcp sim` (upstream APIs) and `resilient-mcp fake-claude`. */
export function registerSimCommands(program: Command): void {
  registerUpstreamSimCommand(program);
  registerFakeClaudeCommand(program);
}
