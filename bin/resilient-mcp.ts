#!/usr/bin/env node
/**
 * The `resilient-mcp` command: the composition root. Each area registers its own subcommands, so
 * server/ and host/ stay independent (they meet only over MCP) and only this file sees them all.
 */
import { Command } from 'commander';
import { registerHostCommands } from '../host/cli/index.js';
import { registerServerCommands } from '../server/cli.js';
import { registerSimCommands } from '../sim/cli.js';

const program = new Command('resilient-mcp')
  .description('Resilient MCP tool layer for Claude agents')
  .showHelpAfterError()
  .enablePositionalOptions()
  // Bad usage (unknown option, invalid value, missing argument) exits 2, as documented; help exits 0.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

registerServerCommands(program);
registerHostCommands(program);
registerSimCommands(program);
program
  .command('demo')
  .description('Offline demo (no API key, no network): simulated Claude + upstreams, real MCP server')
  .option('--prompt <text>', 'ask something else (weather, currency, stock, Wikipedia phrases work)')
  .option('--json', 'print the JSON result of the run instead of streaming', false)
  .option('--healthy', 'do not inject the stock API outage', false)
  .action(async (options) => {
    // Loaded on use: the demo pulls in the simulators and the whole host.
    process.exitCode = await (await import('./demo.js')).runDemo(options);
  });

await program.parseAsync(process.argv);
