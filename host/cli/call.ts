import type { Command } from 'commander';
import { type CallResult, ConfigError, type Host } from '../index.js';
import { formatCallEnd } from './call-lines.js';
import { EXIT } from './exit-codes.js';
import { addHostOptions, failCommand, type HostFlags, openHost } from './host-options.js';

interface CallFlags extends HostFlags {
  json: boolean;
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('<json args>', `not valid JSON: ${(error as Error).message}`);
  }
}

/** The tool_result's content as plain text (blocks joined; images named, not dumped). */
function resultText(result: CallResult): string {
  const { content } = result.toolResult;
  if (typeof content === 'string') return content;
  return (content ?? [])
    .map((block) => (block.type === 'text' ? block.text : `[${block.type} block]`))
    .join('\n');
}

/** Registers `resilient-mcp call`. */
export function registerCallCommand(program: Command): void {
  const command = program
    .command('call')
    .description('Call one tool through the full resilience path and print its result and outcome')
    .argument('<tool>', 'tool name as listed by `resilient-mcp tools`')
    .argument('[json-args]', 'tool arguments as a JSON object', '{}')
    .option('--json', 'print {result, record} as JSON', false)
    .addHelpText(
      'after',
      `\nExample: resilient-mcp call get_weather '{"place":"Paris"}'\nExit codes: 0 usable result, 1 is_error result or failure, 2 bad usage/config.`,
    );
  addHostOptions(command).action(async (tool: string, jsonArgs: string, flags: CallFlags) => {
    let host: Host | undefined;
    try {
      const args = parseArgs(jsonArgs);
      host = await openHost(flags);
      const result = await host.callTool(tool, args);
      await host.close();
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(`${resultText(result)}\n`);
        process.stderr.write(`${formatCallEnd(result.record)}\n`);
      }
      process.exitCode = result.record.ok ? EXIT.ok : EXIT.failed;
    } catch (error) {
      await host?.close();
      failCommand('call', error);
    }
  });
}
