import type { Command } from 'commander';
import { registerServeCommand } from '../service/cli.js';

/** Registers the host's commands: `ask`, `tools`, `call`, `serve`. */
export function registerHostCommands(program: Command): void {
  registerServeCommand(program);
}
