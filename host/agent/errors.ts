import Anthropic from '@anthropic-ai/sdk';
import type { AgentResult } from './types.js';

export type AgentErrorCode =
  | 'auth'
  | 'rate_limited'
  | 'overloaded'
  | 'api'
  | 'deadline'
  | 'cancelled'
  | 'bad_request';

/** A run that could not finish, with a message fit to show a user and a code to branch on. */
export class AgentError extends Error {
  override name = 'AgentError';
  readonly code: AgentErrorCode;
  /** HTTP status of the API error behind it, when there was one. */
  readonly status: number | undefined;
  /** The API's `request-id`, for support tickets. */
  readonly requestId: string | undefined;
  /** What the run had produced before it stopped (answer text so far, turns, usage, messages). */
  partial: AgentResult | undefined;

  constructor(
    code: AgentErrorCode,
    message: string,
    extra: { cause?: unknown; status?: number; requestId?: string; partial?: AgentResult } = {},
  ) {
    super(message, { cause: extra.cause });
    this.code = code;
    this.status = extra.status;
    this.requestId = extra.requestId;
    this.partial = extra.partial;
  }
}

export interface AbortContext {
  /** The run's signal has fired (deadline or caller). */
  aborted: boolean;
  deadlineHit: boolean;
  deadlineMs: number;
}

/** Maps an SDK error (after the SDK's own retries) to an AgentError; anything else is returned unchanged. */
export function toAgentError(err: unknown, abort: AbortContext): unknown {
  if (err instanceof AgentError) return err;
  if (abort.aborted || isAbort(err)) {
    return abort.deadlineHit
      ? new AgentError('deadline', `The run did not finish within its deadline of ${abort.deadlineMs} ms`, {
          cause: err,
        })
      : new AgentError('cancelled', 'The run was cancelled', { cause: err });
  }
  if (!(err instanceof Anthropic.APIError)) return err;
  const extra = { cause: err, status: err.status, requestId: err.requestID ?? undefined };
  const detail = err.apiMessage ?? err.message;
  const [code, message] = describe(err, detail);
  return new AgentError(code, message, extra);
}

function describe(err: InstanceType<typeof Anthropic.APIError>, detail: string): [AgentErrorCode, string] {
  const retried = 'after the client retries';
  if (err instanceof Anthropic.AuthenticationError) {
    return ['auth', 'Anthropic API rejected the API key (401) — check ANTHROPIC_API_KEY'];
  }
  if (err instanceof Anthropic.PermissionDeniedError) {
    return ['auth', `Anthropic API refused access (403): ${detail} — check the key's permissions`];
  }
  if (err instanceof Anthropic.RateLimitError || err.type === 'rate_limit_error') {
    return ['rate_limited', `Anthropic API is rate limiting this key (429) ${retried}: ${detail}`];
  }
  if (err.status === 529 || err.type === 'overloaded_error') {
    return [
      'overloaded',
      `Anthropic API is overloaded (${err.status ?? 'mid-stream'}) ${retried}; try again shortly`,
    ];
  }
  if (err instanceof Anthropic.APIConnectionTimeoutError) {
    return ['api', 'Anthropic API request timed out'];
  }
  if (err instanceof Anthropic.APIConnectionError) {
    return [
      'api',
      `Could not reach the Anthropic API: ${err.message} — check ANTHROPIC_BASE_URL and the network`,
    ];
  }
  if (err.status !== undefined && err.status >= 400 && err.status < 500) {
    return ['bad_request', `Anthropic API rejected the request (${err.status}): ${detail}`];
  }
  return ['api', `Anthropic API error (${err.status ?? err.type ?? 'stream'}) ${retried}: ${detail}`];
}

function isAbort(err: unknown): boolean {
  return err instanceof Anthropic.APIUserAbortError || (err instanceof Error && err.name === 'AbortError');
}
