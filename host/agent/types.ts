import type Anthropic from '@anthropic-ai/sdk';
import type { ToolUse, TurnOptions } from '../executor/types.js';

export type { ToolUse, TurnOptions };

export type ExecuteTurn = (
  toolUses: ToolUse[],
  opts: TurnOptions,
) => Promise<Anthropic.ToolResultBlockParam[]>;

export interface AgentOptions {
  client: Anthropic;
  tools: Anthropic.Tool[];
  /** Runs all of a turn's tool calls (in parallel) and returns one result per id. */
  executeTurn: ExecuteTurn;
  /** Default `claude-sonnet-5-5`. */
  model?: string;
  /** Default 4096. */
  maxTokens?: number;
  /** Model requests per run; default 8. */
  maxTurns?: number;
  /** Whole run, model requests and tools included; default 120000. */
  runDeadlineMs?: number;
  /** Tool execution of one turn; default 30000. */
  turnDeadlineMs?: number;
  /** Default `RESILIENCE_SYSTEM_PROMPT`. */
  system?: string;
  /** Send a failure summary when failed/total > this; default 0.5. */
  failureRatio?: number;
  /** How often a `max_tokens` stop is answered with "continue" before reporting it; default 1. */
  maxTokensContinuations?: number;
  signal?: AbortSignal;
  onEvent?: (e: AgentEvent) => void;
}

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the run ended: the model's last stop reason, or `max_turns` when the turn limit cut it short. */
export type AgentStopReason = Anthropic.StopReason | 'max_turns';

export interface AgentResult {
  /** The final answer's text (the text of the last turn, joined with its `max_tokens` continuations). */
  answer: string;
  /** Model requests made. */
  turns: number;
  stopReason: AgentStopReason;
  usage: AgentUsage;
  /** The whole conversation as sent, ending with the last assistant message. */
  messages: Anthropic.MessageParam[];
}

export interface FailedTool {
  toolUseId: string;
  tool: string;
  error: string;
}

export type AgentEvent =
  | { type: 'turn-start'; turn: number }
  | { type: 'text'; turn: number; delta: string }
  | { type: 'tool-uses'; turn: number; toolUses: ToolUse[] }
  | { type: 'tool-results'; turn: number; results: Anthropic.ToolResultBlockParam[]; failed: number }
  | { type: 'reprompt'; turn: number; failed: FailedTool[]; text: string }
  | { type: 'turn-end'; turn: number; stopReason: Anthropic.StopReason | null; usage: AgentUsage };
