/**
 * The run's overall AbortSignal: the caller's signal or the run deadline, whichever fires first. It
 * tells the two apart, so a stopped run reports "deadline" or "cancelled" correctly.
 */
export class RunScope {
  readonly signal: AbortSignal;
  readonly deadlineMs: number;
  readonly #startedAt = Date.now();

  constructor(deadlineMs: number, callerSignal?: AbortSignal) {
    this.deadlineMs = deadlineMs;
    const deadline = AbortSignal.timeout(deadlineMs);
    this.signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
  }

  get deadlineHit(): boolean {
    const reason: unknown = this.signal.reason;
    return this.signal.aborted && reason instanceof DOMException && reason.name === 'TimeoutError';
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineMs - (Date.now() - this.#startedAt));
  }

  throwIfAborted(): void {
    this.signal.throwIfAborted();
  }
}
