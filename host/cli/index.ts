import type { Command } from 'commander';
import { registerServeCommand } from '../service/cli.js';
import { registerAskCommand } from './ask.js';
import { registerCallCommand } from './call.js';
import { registerToolsCommand } from './tools.js';

/** Registers the host's commands: `ask`, `tools`, `call`, `serve`. */
export function registerHostCommands(program: Command): void {
  registerAskCommand(program);
  registerToolsCommand(program);
  registerCallCommand(program);
  registerServeCommand(program);
}
