import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { CallPolicy, ServerPolicy } from '../config/policy-schema.js';
import type { HostEvents } from '../events.js';
import { classifyError, classifyResult, type Failure } from '../policy/classify.js';
import { AttemptTimeoutError, CallCancelledError } from '../policy/errors.js';
import { linkedAbort } from '../policy/linked-abort.js';
import type { PolicyState } from '../policy/policy-state.js';
import { retryPolicy } from '../policy/retry.js';
import type { ToolCaller } from '../pool/pool.js';

/** The SDK's own request timer is set this much later than ours, as a safety net only. */
const SDK_TIMEOUT_SLACK_MS = 1_000;

export type PrimaryOutcome =
  | { kind: 'result'; result: CallToolResult; attempts: number; firstFailure?: Failure }
  | { kind: 'failed'; failure: Failure; attempts: number; firstFailure: Failure };

export interface PrimaryCall {
  entry: CatalogEntry;
  args: Record<string, unknown>;
  policy: CallPolicy;
  serverPolicy: ServerPolicy;
  /** No attempt runs past this absolute time. */
  deadlineAt: number;
  signal: AbortSignal;
  /** Updated live, so a caller that stops waiting can still report how many attempts were made. */
  progress: { attempts: number };
}

/**
 * One call of the tool itself through the policy chain, outermost first:
 * retry (idempotent + retryable + budget + deadline) → circuit breaker → rate limit → bulkhead
 * (per-server concurrency) → per-attempt timeout → MCP `tools/call`. Never throws.
 */
export class PrimaryRunner {
  constructor(
    private readonly caller: ToolCaller,
    private readonly state: PolicyState,
    private readonly onRetry: (event: HostEvents['retry'][0]) => void,
  ) {}

  async run(call: PrimaryCall): Promise<PrimaryOutcome> {
    const { entry, policy } = call;
    const budget = this.state.budget(entry.server, policy.retry.budget);
    budget.recordCall();
    const breaker = this.state.breaker(
      { server: entry.server, mcpTool: entry.mcpTool, tool: entry.name },
      policy.breaker,
    );
    const bulkhead = this.state.bulkhead(entry.server, call.serverPolicy);
    const limiter = policy.rateLimit
      ? this.state.rateLimiter(entry.server, entry.mcpTool, policy.rateLimit)
      : undefined;
    const retry = retryPolicy({
      policy: policy.retry,
      idempotent: entry.idempotent,
      deadlineAt: call.deadlineAt,
      budget,
      onRetry: ({ attempt, delayMs, failure }) =>
        this.onRetry({
          tool: entry.name,
          mcpTool: entry.mcpTool,
          server: entry.server,
          attempt,
          delayMs,
          error: failure.message,
        }),
    });

    let firstFailure: Failure | undefined;
    const note = (failure: Failure | undefined) => {
      firstFailure ??= failure;
    };
    try {
      const result = await retry.execute(
        (r) =>
          breaker.execute(
            (b) =>
              // Wait for a rate-limit token before taking a concurrency slot, so a throttled tool
              // does not hold slots the server's other tools could use.
              (limiter ? limiter.acquire(b.signal) : Promise.resolve()).then(() =>
                bulkhead.execute(async ({ signal }) => {
                  call.progress.attempts++;
                  try {
                    const value = await this.attempt(call, signal);
                    note(classifyResult(value));
                    return value;
                  } catch (error) {
                    note(classifyError(error));
                    throw error;
                  }
                }, b.signal),
              ),
            r.signal,
          ),
        call.signal,
      );
      return {
        kind: 'result',
        result,
        attempts: call.progress.attempts,
        ...(firstFailure ? { firstFailure } : {}),
      };
    } catch (error) {
      const failure = classifyError(error);
      return {
        kind: 'failed',
        failure,
        attempts: call.progress.attempts,
        firstFailure: firstFailure ?? failure,
      };
    }
  }

  /** One MCP request with its own AbortController: timeout or caller abort → `notifications/cancelled`. */
  private async attempt(call: PrimaryCall, signal: AbortSignal): Promise<CallToolResult> {
    if (signal.aborted) throw new CallCancelledError(reasonOf(signal));
    const timeoutMs = Math.min(call.policy.timeoutMs, call.deadlineAt - Date.now());
    if (timeoutMs <= 0) throw new AttemptTimeoutError(0);
    const abort = linkedAbort([signal], timeoutMs);
    try {
      return await this.caller.callTool(call.entry.server, call.entry.mcpTool, call.args, {
        signal: abort.signal,
        timeoutMs: timeoutMs + SDK_TIMEOUT_SLACK_MS,
      });
    } catch (error) {
      if (abort.timedOut) throw new AttemptTimeoutError(timeoutMs);
      if (signal.aborted) throw new CallCancelledError(reasonOf(signal));
      throw error;
    } finally {
      abort.dispose();
    }
  }
}

export function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'cancelled');
}
