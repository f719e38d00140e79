import type { RetryPolicy } from '../config/policy-schema.js';

/** Timestamps of recent events, oldest first; those older than the window are dropped on every use. */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  add(now: number): void {
    this.prune(now);
    this.times.push(now);
  }

  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  /** Timestamps in memory, including any not yet compacted away. */
  get held(): number {
    return this.times.length;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) this.head++;
    // Drop the consumed prefix once it is the larger part, so memory stays bounded by the window.
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Caps retries so an outage cannot multiply load (a retry storm): in a sliding window, retries may not
 * exceed max(minRetries, ratio × calls). Shared by every tool of one server. Only events inside the
 * window are kept, so a busy host that never retries does not accumulate call timestamps.
 */
export class RetryBudget {
  private readonly calls: SlidingWindow;
  private readonly retries: SlidingWindow;

  constructor(
    private readonly budget: RetryPolicy['budget'],
    private readonly now: () => number = Date.now,
  ) {
    this.calls = new SlidingWindow(budget.windowMs);
    this.retries = new SlidingWindow(budget.windowMs);
  }

  recordCall(): void {
    this.calls.add(this.now());
  }

  canRetry(): boolean {
    const now = this.now();
    const allowed = Math.max(this.budget.minRetries, this.budget.ratio * this.calls.count(now));
    return this.retries.count(now) < allowed;
  }

  recordRetry(): void {
    this.retries.add(this.now());
  }

  /** Timestamps in memory (bounded by what happened in about two windows). */
  get heldTimestamps(): number {
    return this.calls.held + this.retries.held;
  }
}
