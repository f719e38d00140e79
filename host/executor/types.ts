import type Anthropic from '@anthropic-ai/sdk';

/** One `tool_use` block of a Claude turn (the fields of Anthropic's ToolUseBlock we need). */
export interface ToolUse {
  id: string;
  name: string;
  input: unknown;
}

export interface TurnOptions {
  /** Aborting ends the turn at once: unfinished calls are cancelled and answered from cache or as errors. */
  signal?: AbortSignal;
  /** Deadline of the whole turn in ms from now; default `turnDeadlineMs` of the policy. */
  deadlineMs?: number;
}

/** Every outcome a call can end in (persisted in run records, used as a metrics label). */
export const CALL_OUTCOMES = [
  'ok',
  'retried-ok',
  'fallback-backup',
  'fallback-cache',
  'timeout',
  'error',
  'circuit-open',
  'cancelled',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** What happened to one call; emitted as `call-end`. */
export interface CallRecord {
  toolUseId: string;
  /** The name Claude used (the catalog name). */
  tool: string;
  server: string;
  /** The tool's name on its server. */
  mcpTool: string;
  /** MCP requests made for this call (0 when answered without one, e.g. circuit open or coalesced). */
  attempts: number;
  latencyMs: number;
  outcome: CallOutcome;
  /** A usable (non-is_error) result was delivered. */
  ok: boolean;
  /** The first failure's reason, when there was one. */
  error?: string;
  /** Age of the value served from a fallback. */
  fallbackAgeSeconds?: number;
}

export interface CallResult {
  toolResult: Anthropic.ToolResultBlockParam;
  record: CallRecord;
}
