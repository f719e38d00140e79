import { BulkheadRejectedError } from 'cockatiel';
import { abortReason, CallCancelledError } from './errors.js';

const NEVER_ABORTED = new AbortController().signal;

/**
 * Per-server concurrency limit: `concurrency` calls run, up to `queue` more wait (first in, first out),
 * the rest are rejected with cockatiel's `BulkheadRejectedError`. Unlike cockatiel's bulkhead, a
 * waiter whose signal aborts leaves the queue at once, so abandoned calls neither hold queue places
 * (turning fresh calls away) nor linger until a slot frees.
 */
export class Bulkhead {
  private running = 0;
  /** Insertion-ordered, so the first waiter is the oldest; each entry hands it the slot. */
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.waiting.size;
  }

  async execute<T>(
    fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T,
    signal: AbortSignal = NEVER_ABORTED,
  ): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn({ signal });
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new CallCancelledError(abortReason(signal)));
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.size >= this.queue) {
      return Promise.reject(new BulkheadRejectedError(this.concurrency, this.queue));
    }
    return new Promise((resolve, reject) => {
      const leave = () => {
        this.waiting.delete(admit);
        reject(new CallCancelledError(abortReason(signal)));
      };
      const admit = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      this.waiting.add(admit);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  /** Hands the slot straight to the oldest waiter (so no newcomer can take it first), else frees it. */
  private release(): void {
    const next = this.waiting.values().next();
    if (next.done) {
      this.running--;
      return;
    }
    this.waiting.delete(next.value);
    next.value();
  }
}
