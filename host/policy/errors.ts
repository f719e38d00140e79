/** Why an attempt or a call stopped, as raised by the host's own policies. */

/** One attempt ran past its per-attempt timeout (or the remaining turn time); the request was cancelled. */
export class AttemptTimeoutError extends Error {
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/** The caller gave up (turn deadline, turn aborted, or every coalesced caller left). */
export class CallCancelledError extends Error {
  readonly retryable = false;
  constructor(reason = 'cancelled') {
    super(reason);
    this.name = 'CallCancelledError';
  }
}
