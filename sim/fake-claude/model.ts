import { composeAnswer, type Finding } from './answer.js';
import { type CallInHistory, readConversation } from './conversation.js';
import { newToolUseId } from './ids.js';
import { intentsFromPrompt } from './intents.js';
import type { MessagesRequest } from './request-schema.js';
import { type PlannedCall, planCalls } from './tool-matching.js';

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface Reply {
  content: ReplyBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'pause_turn';
}

export interface ModelOptions {
  /** Re-issue failed calls once (one retry round) when the client did not send a failure summary. */
  retryFailedTools: boolean;
}

/** A host's failure summary asks to re-plan; the model then answers instead of retrying. */
const REPLAN_REQUEST = /re-?plan|failure summary|tools? failed/i;

/**
 * The scripted model. Stateless like the real API: it reads the whole conversation each time.
 * First reply: a short text plus every tool call the prompt needs, in parallel. After results: at
 * most one retry round for failed calls, then a text answer built from the results.
 */
export function scriptedReply(request: MessagesRequest, options: ModelOptions): Reply {
  const conversation = readConversation(request);
  const tools = request.tool_choice?.type === 'none' ? [] : (request.tools ?? []);
  const planned = planCalls(intentsFromPrompt(conversation.prompt), tools);
  if (conversation.toolRounds === 0)
    return firstReply(planned, conversation.prompt, parallelAllowed(request));

  const replan = REPLAN_REQUEST.test(conversation.trailingText);
  const latest = latestAttempts(conversation.calls);
  const failed = latest.filter((c) => c.result?.isError !== false);
  if (options.retryFailedTools && !replan && conversation.toolRounds === 1 && failed.length > 0) {
    return toolUseReply(`${failed.length} tool call(s) failed; retrying them once.`, failed.map(retryOf));
  }
  const findings: Finding[] = latest.map((call) => ({ call, label: labelFor(call, planned) }));
  return { content: [{ type: 'text', text: composeAnswer(findings, replan) }], stopReason: 'end_turn' };
}

function parallelAllowed(request: MessagesRequest): boolean {
  return request.tool_choice?.disable_parallel_tool_use !== true;
}

function firstReply(planned: PlannedCall[], prompt: string, parallel: boolean): Reply {
  if (planned.length === 0) {
    const text =
      `I can answer that without tools. You asked: "${prompt.slice(0, 200)}". ` +
      '(This is the simulated Claude: it knows how to look up weather, currency rates, stock quotes and ' +
      'Wikipedia summaries when those tools are offered.)';
    return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
  }
  const calls = parallel ? planned : planned.slice(0, 1);
  const what = calls.map((c) => c.intent.label).join(', ');
  const how = calls.length > 1 ? ' in parallel' : '';
  return toolUseReply(
    `I'll look up ${what}${how}.`,
    calls.map((c) => ({ name: c.tool, input: c.input })),
  );
}

function toolUseReply(text: string, calls: { name: string; input: Record<string, unknown> }[]): Reply {
  return {
    content: [
      { type: 'text', text },
      ...calls.map((c) => ({ type: 'tool_use' as const, id: newToolUseId(), name: c.name, input: c.input })),
    ],
    stopReason: 'tool_use',
  };
}

/** The newest attempt of each distinct call (same tool and input), in first-seen order. */
function latestAttempts(calls: CallInHistory[]): CallInHistory[] {
  const byKey = new Map<string, CallInHistory>();
  for (const call of calls) byKey.set(callKey(call.name, call.input), call);
  return [...byKey.values()];
}

const callKey = (name: string, input: unknown): string => `${name}:${JSON.stringify(input)}`;

function retryOf(call: CallInHistory): { name: string; input: Record<string, unknown> } {
  return { name: call.name, input: (call.input ?? {}) as Record<string, unknown> };
}

function labelFor(call: CallInHistory, planned: PlannedCall[]): string {
  const match = planned.find((p) => callKey(p.tool, p.input) === callKey(call.name, call.input));
  return match?.intent.label ?? `the result of ${call.name}`;
}

/** Cuts a reply at `maxTokens` (≈4 chars a token) the way the API does: text truncated, stop `max_tokens`. */
export function truncateToMaxTokens(reply: Reply, maxTokens: number): Reply {
  const budget = maxTokens * CHARS_PER_TOKEN;
  const text = reply.content.map((b) => (b.type === 'text' ? b.text : JSON.stringify(b.input))).join('');
  if (text.length <= budget) return reply;
  const first = reply.content[0];
  const kept = first?.type === 'text' ? first.text.slice(0, budget) : '';
  return { content: [{ type: 'text', text: kept }], stopReason: 'max_tokens' };
}

export const CHARS_PER_TOKEN = 4;

/** A paused turn: some progress text, to be resumed by sending the conversation back. */
export const PAUSED_REPLY: Reply = {
  content: [{ type: 'text', text: 'Working on it… ' }],
  stopReason: 'pause_turn',
};
