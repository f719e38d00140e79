import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  type AgentEvent,
  type AgentOptions,
  type AgentResult,
  type ExecuteTurn,
  runAgent,
  type ToolUse,
} from '../../host/agent/index.js';
import { type FakeClaude, type RecordedRequest, startFakeClaude } from '../../sim/fake-claude/index.js';

/** The four tools of the project, as the host offers them to Claude. */
export const TOOLS: Anthropic.Tool[] = [
  tool('get_weather', { location: { type: 'string' } }, ['location']),
  tool(
    'convert_currency',
    {
      amount: { type: 'number' },
      from: { type: 'string' },
      to: { type: 'string' },
      date: { type: 'string' },
    },
    ['amount', 'from', 'to'],
  ),
  tool('get_stock_quote', { symbol: { type: 'string' } }, ['symbol']),
  tool('get_wikipedia_summary', { title: { type: 'string' } }, ['title']),
];

export const FOUR_TOOL_PROMPT =
  'Planning a trip: what is the weather in Paris, convert 100 USD to EUR, the stock quote for AAPL, ' +
  'and a Wikipedia summary of Ada Lovelace.';

function tool(name: string, properties: Record<string, object>, required: string[]): Anthropic.Tool {
  return { name, description: `${name} tool`, input_schema: { type: 'object', properties, required } };
}

/** The real SDK client pointed at the fake; retries kept fast by the fake's `retry-after-ms`. */
export function clientFor(fake: FakeClaude, apiKey = 'test', maxRetries = 2): Anthropic {
  return new Anthropic({ baseURL: fake.url, apiKey, maxRetries });
}

export type ToolBehaviour = (
  use: ToolUse,
) => Anthropic.ToolResultBlockParam | Promise<Anthropic.ToolResultBlockParam>;

export const ok =
  (text: string): ToolBehaviour =>
  (use) => ({ type: 'tool_result', tool_use_id: use.id, content: text });
export const failing =
  (reason: string): ToolBehaviour =>
  (use) => ({
    type: 'tool_result',
    tool_use_id: use.id,
    is_error: true,
    content: [{ type: 'text', text: reason }],
  });

export const HEALTHY: Record<string, ToolBehaviour> = {
  get_weather: ok('{"location":"Paris","temperature":18,"conditions":"sunny"}'),
  convert_currency: ok('{"amount":100,"from":"USD","to":"EUR","result":92.31}'),
  get_stock_quote: ok('{"symbol":"AAPL","price":227.5}'),
  get_wikipedia_summary: ok('Ada Lovelace was an English mathematician.'),
};

/**
 * A stand-in executor (the seam the agent calls; the real one is host/executor): runs a turn's calls
 * in parallel with the given per-tool behaviour and records every turn it was handed.
 */
export function scriptedExecutor(behaviours: Record<string, ToolBehaviour>) {
  const turns: { toolUses: ToolUse[]; deadlineMs: number | undefined; signal: AbortSignal | undefined }[] =
    [];
  const executeTurn: ExecuteTurn = async (toolUses, opts) => {
    turns.push({ toolUses, deadlineMs: opts.deadlineMs, signal: opts.signal });
    return Promise.all(
      toolUses.map((use) => (behaviours[use.name] ?? failing(`unknown tool ${use.name}`))(use)),
    );
  };
  return { executeTurn, turns };
}

/** Blocks of the last message of a request body the fake received. */
export function lastMessageBlocks(body: unknown): Anthropic.ContentBlockParam[] {
  const messages = (body as { messages: Anthropic.MessageParam[] }).messages;
  const content = messages.at(-1)?.content ?? [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/**
 * One fake Claude for the test file: started before, closed after; after each test its faults are
 * cleared and it must not have seen a single malformed request (e.g. a bad tool_result set).
 */
export function useFakeClaude(): { readonly fake: FakeClaude; requestsSince(): () => RecordedRequest[] } {
  let fake: FakeClaude | undefined;
  beforeAll(async () => {
    fake = await startFakeClaude();
  });
  afterAll(() => fake?.close());
  afterEach(() => {
    fake?.setFaults({});
    expect(fake?.validationFailures).toEqual([]);
  });
  const get = (): FakeClaude => {
    if (!fake) throw new Error('fake Claude not started');
    return fake;
  };
  return {
    get fake() {
      return get();
    },
    /** The requests the fake receives from now on. */
    requestsSince() {
      const from = get().requests.length;
      return () => get().requests.slice(from);
    },
  };
}

export interface ObservedRun {
  result: AgentResult;
  executor: ReturnType<typeof scriptedExecutor>;
  events: AgentEvent[];
  requests: RecordedRequest[];
}

/** Runs the agent against the fake with a scripted executor, capturing events and the requests sent. */
export async function observeRun(
  ctx: ReturnType<typeof useFakeClaude>,
  prompt: string,
  behaviours: Record<string, ToolBehaviour>,
  extra: Partial<AgentOptions> = {},
): Promise<ObservedRun> {
  const executor = scriptedExecutor(behaviours);
  const events: AgentEvent[] = [];
  const requests = ctx.requestsSince();
  const result = await runAgent(prompt, {
    client: clientFor(ctx.fake),
    tools: TOOLS,
    executeTurn: executor.executeTurn,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { result, executor, events, requests: requests() };
}
