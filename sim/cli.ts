import type { Command } from 'commander';

/** Registers `resilient-mcp sim` (upstream simulator) and `resilient-mcp fake-claude`. */
export function registerSimCommands(_program: Command): void {}
