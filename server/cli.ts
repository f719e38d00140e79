import type { Command } from 'commander';

/** Registers `resilient-mcp server`. */
export function registerServerCommands(_program: Command): void {}
