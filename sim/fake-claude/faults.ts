import { z } from 'zod';
import type { ApiError } from './api-error.js';

const count = z.number().int().min(0);

/**
 * Faults the fake injects. Counters are "the next N requests": each injected fault uses one up, so a
 * test can say "two 529s, then succeed". HTTP faults are checked in the order 429 → 529 → 500.
 */
export const FakeClaudeFaults = z.object({
  /** Next N requests answer 429 `rate_limit_error`. */
  rateLimited: count.default(0),
  /** Next N requests answer 529 `overloaded_error`. */
  overloaded: count.default(0),
  /** Next N requests answer 500 `api_error`. */
  serverError: count.default(0),
  /** Sent as `retry-after-ms` on 429/529/500 (the SDK checks it first). */
  retryAfterMs: z.number().min(0).optional(),
  /** Sent as `retry-after` (seconds) on 429/529/500. */
  retryAfterSeconds: z.number().min(0).optional(),
  /** Delay between SSE events of a streamed reply. */
  streamDelayMs: z.number().min(0).default(0),
  /** Next N streamed replies break off with `event: error` (overloaded) after their first text delta. */
  midStreamError: count.default(0),
  /** Next N replies stop with `max_tokens` after a few words. */
  maxTokens: count.default(0),
  /** Next N replies stop with `pause_turn` (as a long server-side turn does); the client sends it back to resume. */
  pauseTurn: count.default(0),
});
export type FakeClaudeFaults = z.infer<typeof FakeClaudeFaults>;
export type FakeClaudeFaultsInput = z.input<typeof FakeClaudeFaults>;

type Counter = 'rateLimited' | 'overloaded' | 'serverError' | 'midStreamError' | 'maxTokens' | 'pauseTurn';

/** Live fault state: `take(counter)` answers whether this request gets that fault, using one up. */
export class FaultState {
  #faults: FakeClaudeFaults;

  constructor(input: FakeClaudeFaultsInput = {}) {
    this.#faults = FakeClaudeFaults.parse(input);
  }

  set(input: FakeClaudeFaultsInput): void {
    this.#faults = FakeClaudeFaults.parse(input);
  }

  get current(): Readonly<FakeClaudeFaults> {
    return this.#faults;
  }

  take(counter: Counter): boolean {
    if (this.#faults[counter] <= 0) return false;
    this.#faults[counter] -= 1;
    return true;
  }

  /** The HTTP-level fault for this request, if one is due. */
  takeHttpFault(): ApiError | undefined {
    const headers = this.#retryHeaders();
    if (this.take('rateLimited')) {
      return {
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit',
        headers,
      };
    }
    if (this.take('overloaded')) return { type: 'overloaded_error', message: 'Overloaded', headers };
    if (this.take('serverError')) return { type: 'api_error', message: 'Internal server error', headers };
    return undefined;
  }

  #retryHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    const { retryAfterMs, retryAfterSeconds } = this.#faults;
    if (retryAfterMs !== undefined) headers['retry-after-ms'] = String(retryAfterMs);
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    return headers;
  }
}
