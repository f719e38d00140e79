import type { Command } from 'commander';

/** Registers `resilient-mcp serve`. */
export function registerServeCommand(_program: Command): void {}
