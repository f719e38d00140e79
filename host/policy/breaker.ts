import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  CountBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import type { BreakerPolicy } from '../config/policy-schema.js';
import type { BreakerState } from '../events.js';
import { classifyError, classifyResult, type Failure } from './classify.js';

/**
 * A cockatiel circuit breaker for one tool of one server. Thrown timeouts and connection errors count,
 * and so do failing `isError` results (a tool that keeps answering "upstream 500" is as broken as one
 * that times out). Cancellations, deadline cuts, caller errors and "not found" answers do not count
 * while the circuit is closed.
 *
 * Half-open, the one trial call decides, and only an answer from the server may close the circuit:
 * a trial that was cancelled, cut by the deadline, rejected by the bulkhead or could not reach the
 * server counts as a failure and reopens it. (cockatiel 4 treats an error its filter does not count,
 * thrown during half-open, as a success: a trial that proved nothing would close the circuit.)
 */
export function toolBreaker(
  policy: BreakerPolicy,
  onState: (state: BreakerState) => void,
): CircuitBreakerPolicy {
  const counts = (failure: Failure | undefined): boolean =>
    failure !== undefined &&
    (failure.countsForBreaker || (breaker.state === CircuitState.HalfOpen && failure.kind !== 'invalid'));
  const breaker = circuitBreaker(
    handleWhen((error) => counts(classifyError(error))).orWhenResult((result) =>
      counts(classifyResult(result as CallToolResult)),
    ),
    {
      halfOpenAfter: policy.halfOpenAfterMs,
      breaker:
        policy.failureRatio === null
          ? new ConsecutiveBreaker(policy.threshold)
          : new CountBreaker({ threshold: policy.failureRatio, size: policy.window }),
    },
  );
  breaker.onStateChange((state) => {
    if (state === CircuitState.Open) onState('open');
    else if (state === CircuitState.HalfOpen) onState('half-open');
    else if (state === CircuitState.Closed) onState('closed');
  });
  return breaker;
}

/**
 * Runs `fn` through `breaker`. While the half-open trial is in flight (cockatiel lets one through),
 * other calls fail fast as circuit-open, so they fall back at once instead of waiting for the trial's
 * verdict (cockatiel would make them wait, ignoring their abort signal).
 */
export function throughBreaker<T>(
  breaker: CircuitBreakerPolicy,
  fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T,
  signal: AbortSignal,
): Promise<T> {
  if (breaker.state === CircuitState.HalfOpen) return Promise.reject(new BrokenCircuitError());
  return breaker.execute(fn, signal);
}
