import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  CountBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import type { BreakerPolicy } from '../config/policy-schema.js';
import type { BreakerState } from '../events.js';
import { classifyError, classifyResult } from './classify.js';

/**
 * A cockatiel circuit breaker for one tool of one server. Thrown timeouts and connection errors count,
 * and so do failing `isError` results (a tool that keeps answering "upstream 500" is as broken as one
 * that times out). Cancellations, caller errors and "not found" answers do not count.
 */
export function toolBreaker(
  policy: BreakerPolicy,
  onState: (state: BreakerState) => void,
): CircuitBreakerPolicy {
  const breaker = circuitBreaker(
    handleWhen((error) => classifyError(error).countsForBreaker).orWhenResult(
      (result) => classifyResult(result as CallToolResult)?.countsForBreaker === true,
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
