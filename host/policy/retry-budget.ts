import type { RetryPolicy } from '../config/policy-schema.js';

/**
 * Caps retries so an outage cannot multiply load (a retry storm): in a sliding window, retries may not
 * exceed max(minRetries, ratio × calls). Shared by every tool of one server.
 */
export class RetryBudget {
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(
    private readonly budget: RetryPolicy['budget'],
    private readonly now: () => number = Date.now,
  ) {}

  recordCall(): void {
    this.calls.push(this.now());
  }

  canRetry(): boolean {
    this.prune();
    const allowed = Math.max(this.budget.minRetries, this.budget.ratio * this.calls.length);
    return this.retries.length < allowed;
  }

  recordRetry(): void {
    this.retries.push(this.now());
  }

  private prune(): void {
    const cutoff = this.now() - this.budget.windowMs;
    const keep = (t: number) => t > cutoff;
    this.calls = this.calls.filter(keep);
    this.retries = this.retries.filter(keep);
  }
}
