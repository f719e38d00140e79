import type { Command } from 'commander';
import { parsePositiveInt } from '../../shared/cli-options.js';
import { registerServeCommand } from '../service/cli.js';
import type { AskFlags } from './ask.js';
import type { CallFlags } from './call.js';
import { addHostOptions } from './host-options.js';
import type { ToolsFlags } from './tools.js';

/**
 * The host's command-line surface: flags and help of `ask`, `tools` and `call` (plus `serve`). Actions
 * load on use, so `resilient-mcp server` does not pay for the agent, the Anthropic SDK or the MCP client.
 */
export function registerHostCommands(program: Command): void {
  const ask = program
    .command('ask')
    .description('Run the agent headless on one prompt: Claude + every MCP tool, resiliently')
    .argument('<prompt>', 'what to ask Claude')
    .option('--json', 'print one JSON result (answer, turns, tool calls, usage) instead of streaming', false)
    .option('-m, --model <id>', 'Claude model (default claude-sonnet-5-5; env RESILIENT_MCP_MODEL)')
    .option('--max-tokens <n>', 'max tokens per response (default 4096)', parsePositiveInt)
    .option('--max-turns <n>', 'max model requests in the run (default 8)', parsePositiveInt)
    .option('--deadline <ms>', 'deadline of the whole run (default 120000)', parsePositiveInt)
    .option('--turn-deadline <ms>', "deadline of one turn's tool calls (default 30000)", parsePositiveInt)
    .option('--system <text>', 'replace the resilience system prompt (see docs/agent.md)')
    .option('--agent-config <file>', 'JSON file with agent settings (model, maxTokens, maxTurns, …)')
    .addHelpText(
      'after',
      '\nNeeds ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL for a proxy or gateway). `npm start` runs offline.\n' +
        'Exit codes: 0 answered, 1 failed (API, key, deadline), 2 bad usage/config, 3 stopped without an answer.',
    );
  addHostOptions(ask).action(async (prompt: string, flags: AskFlags) =>
    (await import('./ask.js')).askAction(prompt, flags),
  );

  const tools = program
    .command('tools')
    .description('List the tool catalog: server, backup variant, and the resilience policy in force')
    .option('--json', 'print JSON instead of a table', false)
    .option('-a, --all', 'include backup variants hidden from Claude (shown in parentheses)', false);
  addHostOptions(tools).action(async (flags: ToolsFlags) => (await import('./tools.js')).toolsAction(flags));

  const call = program
    .command('call')
    .description('Call one tool through the full resilience path and print its result and outcome')
    .argument('<tool>', 'tool name as listed by `resilient-mcp tools`')
    .argument('[json-args]', 'tool arguments as a JSON object', '{}')
    .option('--json', 'print {toolResult, record} as JSON', false)
    .addHelpText(
      'after',
      `\nExample: resilient-mcp call get_weather '{"place":"Paris"}'\nExit codes: 0 usable result, 1 is_error result or failure, 2 bad usage/config.`,
    );
  addHostOptions(call).action(async (tool: string, args: string, flags: CallFlags) =>
    (await import('./call.js')).callAction(tool, args, flags),
  );

  registerServeCommand(program);
}
