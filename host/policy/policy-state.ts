import type { CircuitBreakerPolicy } from 'cockatiel';
import type { BreakerPolicy, RateLimitPolicy, RetryPolicy, ServerPolicy } from '../config/policy-schema.js';
import type { HostEvents } from '../events.js';
import { toolBreaker } from './breaker.js';
import { Bulkhead } from './bulkhead.js';
import { RateLimiter } from './rate-limit.js';
import { RetryBudget } from './retry-budget.js';

/**
 * The long-lived policy instances the executor shares between calls: a breaker and an optional rate
 * limiter per tool, a bulkhead (concurrency limit with a queue) and a retry budget per server.
 */
export class PolicyState {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly bulkheads = new Map<string, Bulkhead>();
  private readonly budgets = new Map<string, RetryBudget>();

  /** `onBreaker` receives every breaker state change (the executor forwards it as a host event). */
  constructor(private readonly onBreaker: (event: HostEvents['breaker'][0]) => void) {}

  /** One breaker per server + MCP tool; `tool` (the catalog name) only labels its events. */
  breaker(
    id: { server: string; mcpTool: string; tool: string },
    policy: BreakerPolicy,
  ): CircuitBreakerPolicy {
    return lazy(this.breakers, `${id.server}\u0000${id.mcpTool}`, () =>
      toolBreaker(policy, (state) => this.onBreaker({ ...id, state })),
    );
  }

  rateLimiter(server: string, tool: string, policy: RateLimitPolicy): RateLimiter {
    return lazy(this.limiters, `${server}\u0000${tool}`, () => new RateLimiter(policy));
  }

  bulkhead(server: string, policy: ServerPolicy): Bulkhead {
    return lazy(this.bulkheads, server, () => new Bulkhead(policy.concurrency, policy.queue));
  }

  budget(server: string, policy: RetryPolicy['budget']): RetryBudget {
    return lazy(this.budgets, server, () => new RetryBudget(policy));
  }
}

function lazy<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
