import type { Command } from 'commander';

/** Registers the host's commands: `ask`, `tools`, `call`, `serve`. */
export function registerHostCommands(_program: Command): void {}
