import type { Command } from 'commander';

/** Registers `resilient-mcp sim`. */
export function registerUpstreamSimCommand(_program: Command): void {}
