import type { Command } from 'commander';

/** Registers `resilient-mcp demo` (what `npm start` runs). */
export function registerDemoCommand(_program: Command): void {}
