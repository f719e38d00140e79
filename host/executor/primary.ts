import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { CallPolicy, ServerPolicy } from '../config/policy-schema.js';
import type { HostEvents } from '../events.js';
import { throughBreaker } from '../policy/breaker.js';
import { classifyError, classifyResult, type Failure } from '../policy/classify.js';
import {
  AttemptTimeoutError,
  abortReason,
  CallCancelledError,
  DeadlineExceededError,
} from '../policy/errors.js';
import { deadlineAbort, type LinkedAbort, linkedAbort } from '../policy/linked-abort.js';
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
  /** No attempt runs past this absolute time; what is cut there fails as `deadline`. */
  deadlineAt: number;
  /** Aborted when the caller gives up; the call then fails as `cancelled`. */
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
    // The call's own deadline. An attempt still running when it passes is cut and fails as `deadline`
    // (or `cancelled`, if the caller stopped waiting first): never as a tool timeout, so which timer
    // fires first cannot decide whether the cut counts against the tool.
    const deadline = deadlineAbort(call.deadlineAt, [call.signal]);
    try {
      const result = await retry.execute(
        (r) =>
          throughBreaker(
            breaker,
            (b) =>
              // Wait for a rate-limit token before taking a concurrency slot, so a throttled tool
              // does not hold slots the server's other tools could use.
              (limiter ? limiter.acquire(b.signal) : Promise.resolve()).then(() =>
                bulkhead.execute(async ({ signal }) => {
                  call.progress.attempts++;
                  try {
                    const value = await this.attempt(call, signal, deadline);
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
        deadline.signal,
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
    } finally {
      deadline.dispose();
    }
  }

  /**
   * One MCP request with its own AbortController: timeout or caller abort → `notifications/cancelled`.
   * Its own timer is set only when `timeoutMs` ends before the deadline, so an attempt fails as
   * `timeout` (which counts against the tool) only after it really had `timeoutMs`.
   */
  private async attempt(
    call: PrimaryCall,
    signal: AbortSignal,
    deadline: LinkedAbort,
  ): Promise<CallToolResult> {
    const stopped = () =>
      deadline.timedOut ? new DeadlineExceededError() : new CallCancelledError(abortReason(signal));
    if (signal.aborted) throw stopped();
    const remainingMs = call.deadlineAt - Date.now();
    if (remainingMs <= 0) throw new DeadlineExceededError();
    const ownTimeoutMs = call.policy.timeoutMs < remainingMs ? call.policy.timeoutMs : undefined;
    const abort = linkedAbort([signal], ownTimeoutMs);
    try {
      return await this.caller.callTool(call.entry.server, call.entry.mcpTool, call.args, {
        signal: abort.signal,
        timeoutMs: Math.min(call.policy.timeoutMs, remainingMs) + SDK_TIMEOUT_SLACK_MS,
      });
    } catch (error) {
      if (abort.timedOut) throw new AttemptTimeoutError(call.policy.timeoutMs);
      if (signal.aborted) throw stopped();
      throw error;
    } finally {
      abort.dispose();
    }
  }
}
