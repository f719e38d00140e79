import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { isBrokenCircuitError, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import { ERROR_META_KEY, ToolErrorMeta } from '../../shared/mcp-meta.js';
import { ConnectionLostError, HttpStatusError, ServerUnavailableError } from '../pool/errors.js';
import { AttemptTimeoutError, CallCancelledError, DeadlineExceededError } from './errors.js';

export type FailureKind =
  | 'timeout'
  | 'connection'
  | 'unavailable'
  | 'circuit-open'
  | 'rejected'
  | 'cancelled'
  | 'deadline'
  | 'invalid'
  | 'tool-error'
  | 'error';

/** How the policies treat one failed attempt. */
export interface Failure {
  kind: FailureKind;
  message: string;
  /** A repeat may succeed (only acted on for idempotent tools). */
  retryable: boolean;
  /** Counts toward the tool's circuit breaker. */
  countsForBreaker: boolean;
  /** The tool is unavailable rather than answering: try its backup / the host cache. */
  fallback: boolean;
}

const failure = (
  kind: FailureKind,
  message: string,
  retryable: boolean,
  counts: boolean,
  fallback = true,
) => ({
  kind,
  message,
  retryable,
  countsForBreaker: counts,
  fallback,
});

/** JSON-RPC errors that mean "your request was wrong", not "the server is broken". */
const CALLER_ERRORS = new Set<number>([
  ErrorCode.InvalidParams,
  ErrorCode.MethodNotFound,
  ErrorCode.InvalidRequest,
]);

/** Classifies a thrown error from an attempt. */
export function classifyError(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AttemptTimeoutError) return failure('timeout', message, true, true);
  // Running out of the caller's time says nothing about the tool: it does not count (see breaker.ts).
  if (error instanceof DeadlineExceededError) return failure('deadline', message, false, false);
  if (error instanceof ConnectionLostError) return failure('connection', message, true, true);
  if (error instanceof HttpStatusError) return failure('connection', message, error.retryable, true);
  if (error instanceof ServerUnavailableError) return failure('unavailable', message, false, false);
  if (isBrokenCircuitError(error)) return failure('circuit-open', 'circuit breaker is open', false, false);
  if (isBulkheadRejectedError(error))
    return failure('rejected', 'too many calls queued for this server', false, false);
  if (error instanceof CallCancelledError || isTaskCancelledError(error) || isAbortError(error)) {
    return failure('cancelled', message, false, false);
  }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return failure('timeout', message, true, true);
    if (error.code === ErrorCode.ConnectionClosed) return failure('connection', message, true, true);
    if (isInvalidOutputError(error)) return failure('tool-error', message, false, true);
    if (CALLER_ERRORS.has(error.code)) return failure('invalid', message, false, false, false);
  }
  return failure('error', message, false, true);
}

/**
 * The SDK client checks a result against the tool's declared output schema and throws these (with the
 * codes of caller errors) when it does not match: the tool is broken, not the request, so the call
 * falls back like any other tool failure.
 */
const CLIENT_OUTPUT_CHECKS = [
  "Structured content does not match the tool's output schema",
  'Failed to validate structured content',
  'has an output schema but did not return structured content',
];

function isInvalidOutputError(error: McpError): boolean {
  const codes: number[] = [ErrorCode.InvalidParams, ErrorCode.InvalidRequest];
  return codes.includes(error.code) && CLIENT_OUTPUT_CHECKS.some((text) => error.message.includes(text));
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Our server's machine-readable reason for an `isError` result, if it sent one. */
export function errorMetaOf(result: CallToolResult): ToolErrorMeta | undefined {
  const parsed = ToolErrorMeta.safeParse(result._meta?.[ERROR_META_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/** `isError` kinds that are the tool's correct answer to a bad request, not an outage. */
const ANSWER_KINDS = new Set(['invalid_arguments', 'not_found', 'cache_empty', 'cancelled']);

/**
 * How the MCP SDK's `McpServer` answers arguments that fail the tool's input schema: an `isError` result
 * (not a JSON-RPC error) with this text. It is the server's answer to a bad request, like our
 * `invalid_arguments`: passed on with its details, not retried, no fallback (a backup would get the
 * same arguments), and not held against the tool.
 */
const SDK_INPUT_REJECTED = /^MCP error -32602: (Input validation error|Invalid arguments for tool)/;

/**
 * Classifies a result. `undefined` means "not a failure" (success, or an `isError` that is the tool's
 * real answer, like "city not found"). A third-party `isError` without our `_meta` is a non-retryable
 * failure; ours say whether a retry may help.
 */
export function classifyResult(result: CallToolResult): Failure | undefined {
  if (!result.isError) return undefined;
  const meta = errorMetaOf(result);
  const message = firstText(result) ?? 'tool returned an error';
  if (!meta && SDK_INPUT_REJECTED.test(message)) return undefined;
  if (!meta) return failure('tool-error', message, false, true);
  if (ANSWER_KINDS.has(meta.kind)) return undefined;
  return failure('tool-error', message, meta.retryable, true);
}

function firstText(result: CallToolResult): string | undefined {
  for (const block of result.content ?? []) if (block.type === 'text') return block.text.slice(0, 300);
  return undefined;
}
