import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallContender, type TurnContender, tally } from './types.js';

/**
 * The hosts users write by hand, on the MCP SDK client with default options (60 s request timeout, no
 * retries, no fallback). Written the way they usually are: no try/catch, so a thrown call loses the turn.
 */

async function usable(client: Client, tool: string, input: Record<string, unknown>): Promise<boolean> {
  const result = await client.callTool({ name: tool, arguments: input });
  return result.isError !== true;
}

/**
 * Contender 1: `for` each tool_use, `await client.callTool(...)`. Each of its calls runs alone, so
 * `onCall` (given the tool and its time) tells what every tool costs by itself, measured in the same
 * rounds as the turns.
 */
export function sequentialContender(
  client: Client,
  onCall?: (tool: string, ms: number) => void,
): TurnContender {
  return {
    name: 'sequential',
    async runTurn(toolUses) {
      const flags: boolean[] = [];
      for (const use of toolUses) {
        const began = performance.now();
        flags.push(await usable(client, use.name, use.input));
        onCall?.(use.name, performance.now() - began);
      }
      return tally(toolUses.length, flags);
    },
  };
}

/** Contender 2: `Promise.all` over `client.callTool`. */
export function naiveParallelContender(client: Client): TurnContender {
  return {
    name: 'naive-parallel',
    async runTurn(toolUses) {
      const flags = await Promise.all(toolUses.map((use) => usable(client, use.name, use.input)));
      return tally(toolUses.length, flags);
    },
  };
}

/** The baseline of the per-call scenarios: one raw `callTool`. */
export function rawCallContender(client: Client): CallContender {
  return { name: 'raw-callTool', call: (tool, input) => usable(client, tool, input) };
}

/**
 * The floor for a turn under a server limit: plain `callTool`s, at most `limit` at a time, next one as
 * soon as a slot frees (what p-limit would do). Not a resilient host; the yardstick for our bulkhead.
 */
export function limitedParallelContender(client: Client, limit: number): TurnContender {
  return {
    name: `limited-parallel(${limit})`,
    async runTurn(toolUses) {
      const flags: boolean[] = [];
      let next = 0;
      const worker = async () => {
        while (next < toolUses.length) {
          const use = toolUses[next++] as (typeof toolUses)[number];
          flags.push(await usable(client, use.name, use.input));
        }
      };
      await Promise.all(Array.from({ length: limit }, worker));
      return tally(toolUses.length, flags);
    },
  };
}
