/** Why an attempt or a call stopped, as raised by the host's own policies. */

/** One attempt ran for its whole per-attempt timeout (`timeoutMs`); the request was cancelled. */
export class AttemptTimeoutError extends Error {
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * The call's deadline (the turn's, less any time kept for the fallback) cut it short. Unlike a
 * timeout it says nothing about the tool: the caller simply ran out of time.
 */
export class DeadlineExceededError extends Error {
  readonly retryable = false;
  constructor() {
    super('cut off at the deadline');
    this.name = 'DeadlineExceededError';
  }
}

/** The caller gave up (turn aborted, or every coalesced caller left). */
export class CallCancelledError extends Error {
  readonly retryable = false;
  constructor(reason = 'cancelled') {
    super(reason);
    this.name = 'CallCancelledError';
  }
}

/** The reason an aborted signal carries, as text. */
export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'cancelled');
}
