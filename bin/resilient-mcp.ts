#!/usr/bin/env node
/**
 * The `resilient-mcp` command: the composition root. Each area registers its own subcommands, so
 * server/ and host/ stay independent (they meet only over MCP) and only this file sees them all.
 */
import { Command } from 'commander';
import { registerHostCommands } from '../host/cli/index.js';
import { registerServerCommands } from '../server/cli.js';
import { registerSimCommands } from '../sim/cli.js';
import { registerDemoCommand } from './demo.js';

const program = new Command('resilient-mcp')
  .description('Resilient MCP tool layer for Claude agents')
  .showHelpAfterError()
  .enablePositionalOptions();

registerServerCommands(program);
registerHostCommands(program);
registerSimCommands(program);
registerDemoCommand(program);

await program.parseAsync(process.argv);
