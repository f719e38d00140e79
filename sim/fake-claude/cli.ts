import type { Command } from 'commander';

/** Registers `resilient-mcp fake-claude`. */
export function registerFakeClaudeCommand(_program: Command): void {}
