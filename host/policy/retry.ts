import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  DelegateBackoff,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  noJitterGenerator,
  retry,
} from 'cockatiel';
import type { RetryPolicy } from '../config/policy-schema.js';
import { classifyError, classifyResult, type Failure } from './classify.js';
import type { RetryBudget } from './retry-budget.js';

/** A retry is only worth starting with at least this much time left before the deadline. */
export const MIN_ATTEMPT_MS = 100;

export interface RetryContext {
  policy: RetryPolicy;
  /** Only idempotent tools are retried. */
  idempotent: boolean;
  /** Absolute time (ms) no attempt may run past: min(turn deadline, fallback reserve). */
  deadlineAt: number;
  budget: RetryBudget;
  onRetry: (e: { attempt: number; delayMs: number; failure: Failure }) => void;
  now?: () => number;
}

const GENERATORS = {
  none: noJitterGenerator,
  full: fullJitterGenerator,
  decorrelated: decorrelatedJitterGenerator,
};

/** What the primary call runs its attempts through: cockatiel's retry policy, or a single attempt. */
export interface Retrier {
  execute<T>(
    fn: (context: { attempt: number; signal: AbortSignal }) => PromiseLike<T> | T,
    signal?: AbortSignal,
  ): Promise<T>;
}

/** A tool that may not be retried runs once, without building backoff state on the hot path. */
const SINGLE_ATTEMPT: Retrier = {
  execute: async (fn, signal) => fn({ attempt: 0, signal: signal ?? new AbortController().signal }),
};

/**
 * cockatiel retry with exponential backoff + jitter, allowed only when: the tool is idempotent, the
 * failure is retryable (a thrown timeout/connection error, or an `isError` marked retryable), the
 * server's retry budget has room, and a useful attempt still fits before the deadline. Backoff delays are
 * clipped so the next attempt never starts past the deadline.
 */
export function retryPolicy(ctx: RetryContext): Retrier {
  if (!ctx.idempotent || ctx.policy.maxAttempts <= 1) return SINGLE_ATTEMPT;
  const now = ctx.now ?? Date.now;
  const remaining = () => ctx.deadlineAt - now();
  const allowed = (f: Failure | undefined) =>
    f?.retryable === true && ctx.budget.canRetry() && remaining() >= MIN_ATTEMPT_MS;

  const exponential = new ExponentialBackoff({
    initialDelay: ctx.policy.baseDelayMs,
    maxDelay: ctx.policy.maxDelayMs,
    generator: GENERATORS[ctx.policy.jitter] as typeof noJitterGenerator,
  });
  let step = exponential.next();
  const backoff = new DelegateBackoff<unknown>((context) => {
    const delay = step.duration;
    step = step.next(context);
    return Math.max(0, Math.min(delay, remaining() - MIN_ATTEMPT_MS));
  });

  const policy = retry(
    handleWhen((error) => allowed(classifyError(error))).orWhenResult((result) =>
      allowed(classifyResult(result as CallToolResult)),
    ),
    { maxAttempts: ctx.policy.maxAttempts - 1, backoff },
  );
  policy.onRetry((event) => {
    ctx.budget.recordRetry();
    const failure =
      'error' in event
        ? classifyError(event.error)
        : (classifyResult(event.value as CallToolResult) as Failure);
    ctx.onRetry({ attempt: event.attempt, delayMs: event.delay, failure });
  });
  return policy;
}
