import { ConfigError } from '../config/load-json.js';
import { toolResultText } from '../executor/result-convert.js';
import type { Host } from '../index.js';
import { formatCallEnd } from './call-lines.js';
import { EXIT } from './exit-codes.js';
import { failCommand, type HostFlags, openHost } from './host-options.js';

export interface CallFlags extends HostFlags {
  json: boolean;
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('<json args>', `not valid JSON: ${(error as Error).message}`);
  }
}

/** `resilient-mcp call <tool> [json-args]`: one call through the full resilience path. */
export async function callAction(tool: string, jsonArgs: string, flags: CallFlags): Promise<void> {
  let host: Host | undefined;
  try {
    const args = parseArgs(jsonArgs);
    host = await openHost(flags);
    const result = await host.callTool(tool, args);
    await host.close();
    if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      process.stdout.write(`${toolResultText(result.toolResult)}\n`);
      process.stderr.write(`${formatCallEnd(result.record)}\n`);
    }
    process.exitCode = result.record.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    await host?.close();
    failCommand('call', error);
  }
}
