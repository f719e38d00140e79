import type Anthropic from '@anthropic-ai/sdk';
import pTimeout from 'p-timeout';
import type { Logger } from '../../shared/logger.js';
import type { Catalog, CatalogEntry } from '../catalog/catalog.js';
import { callPolicyFor, type PolicyConfig, serverPolicyFor } from '../config/policy-config.js';
import type { CallPolicy, ServerPolicy } from '../config/policy-schema.js';
import type { HostEventEmitter, HostEvents } from '../events.js';
import { callKey } from '../policy/call-key.js';
import { classifyResult, type Failure } from '../policy/classify.js';
import { Coalescer } from '../policy/coalesce.js';
import { LastGoodCache } from '../policy/last-good-cache.js';
import { deadlineAbort, untilAborted } from '../policy/linked-abort.js';
import { PolicyState } from '../policy/policy-state.js';
import type { ToolCaller } from '../pool/pool.js';
import { FallbackRouter } from './fallback.js';
import { errorText, unknownToolText } from './messages.js';
import { type PrimaryOutcome, PrimaryRunner } from './primary.js';
import { type ToolResultBlock, toToolResultContent } from './result-convert.js';
import type { CallOutcome, CallRecord, CallResult, ToolUse, TurnOptions } from './types.js';

/** If a call has somehow not settled this long after the turn deadline, it is answered anyway. */
const BACKSTOP_GRACE_MS = 500;

interface Turn {
  deadlineAt: number;
  signal?: AbortSignal;
}

interface CallContext {
  toolUse: ToolUse;
  entry: CatalogEntry;
  args: Record<string, unknown>;
  key: string;
  policy: CallPolicy;
  turn: Turn;
  started: number;
}

interface Settled {
  content: ToolResultBlock[] | string;
  isError: boolean;
  outcome: CallOutcome;
  attempts: number;
  error?: string;
  fallbackAgeSeconds?: number;
}

export interface ExecutorDeps {
  caller: ToolCaller;
  catalog: Catalog;
  policy: PolicyConfig;
  events: HostEventEmitter;
  logger: Logger;
}

/**
 * Turns one Claude turn's `tool_use` blocks into exactly one `tool_result` each, in order, within the
 * turn deadline, whatever fails. Each call: primary (retry → breaker → rate limit → bulkhead →
 * timeout, coalesced with identical in-flight calls) → fallback (backup tool → host cache) → is_error.
 */
export class Executor {
  private readonly primary: PrimaryRunner;
  private readonly fallback: FallbackRouter;
  private readonly cache: LastGoodCache<ToolResultBlock[]>;
  private readonly coalescer = new Coalescer<PrimaryOutcome>();
  private nextCallId = 1;

  constructor(private readonly deps: ExecutorDeps) {
    this.cache = new LastGoodCache(deps.policy.host.cache);
    this.primary = new PrimaryRunner(deps.caller, new PolicyState((e) => this.emit('breaker', e)), (e) =>
      this.emit('retry', e),
    );
    this.fallback = new FallbackRouter(deps.caller, deps.catalog, this.cache);
  }

  async executeTurn(toolUses: ToolUse[], opts: TurnOptions = {}): Promise<Anthropic.ToolResultBlockParam[]> {
    const turn = this.turn(opts);
    const results = await Promise.all(toolUses.map((toolUse) => this.guardedCall(toolUse, turn)));
    return results.map((r) => r.toolResult);
  }

  callTool(name: string, args: unknown, opts: { signal?: AbortSignal } = {}): Promise<CallResult> {
    return this.guardedCall({ id: `call_${this.nextCallId++}`, name, input: args }, this.turn(opts));
  }

  private turn(opts: TurnOptions): Turn {
    const deadlineMs = Math.max(0, opts.deadlineMs ?? this.deps.policy.host.turnDeadlineMs);
    return { deadlineAt: Date.now() + deadlineMs, ...(opts.signal ? { signal: opts.signal } : {}) };
  }

  /** Invariants 1 and 4 hold even if something below has a bug: every call resolves, by the deadline. */
  private async guardedCall(toolUse: ToolUse, turn: Turn): Promise<CallResult> {
    const started = Date.now();
    const entry = this.deps.catalog.get(toolUse.name);
    this.emit('call-start', { toolUseId: toolUse.id, tool: toolUse.name, server: entry?.server ?? '' });
    const run = this.runCall(toolUse, entry, turn, started).catch((error: unknown) => {
      this.deps.logger.error({ err: error, tool: toolUse.name }, 'executor bug: call threw');
      const text = `Tool ${toolUse.name} failed: internal error in the MCP host (${String(error)}).`;
      return this.immediateError(toolUse, entry, started, text);
    });
    const result = await pTimeout(run, {
      milliseconds: Math.max(0, turn.deadlineAt - started) + BACKSTOP_GRACE_MS,
      fallback: () =>
        this.immediateError(
          toolUse,
          entry,
          started,
          `Tool ${toolUse.name} did not finish within the turn deadline and was abandoned. You may retry later or use another tool.`,
          'timeout',
        ),
    });
    this.emit('call-end', result.record);
    return result;
  }

  private async runCall(toolUse: ToolUse, entry: CatalogEntry | undefined, turn: Turn, started: number) {
    if (!entry) {
      const names = this.deps.catalog.visible().map((e) => e.name);
      return this.immediateError(toolUse, entry, started, unknownToolText(toolUse.name, names));
    }
    const args = toolUse.input ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      const text = `Tool ${entry.name} needs an object of arguments, got ${Array.isArray(args) ? 'an array' : typeof args}.`;
      return this.immediateError(toolUse, entry, started, text);
    }
    const { call: policy, server: serverPolicy } = this.policyFor(entry);
    const ctx: CallContext = {
      toolUse,
      entry,
      args: args as Record<string, unknown>,
      // Only idempotent calls are coalesced or cached; the canonical JSON is not worth building otherwise.
      key: entry.idempotent ? callKey(entry.server, entry.mcpTool, args) : '',
      policy,
      turn,
      started,
    };
    // Leave room before the turn deadline for the backup call, so fallbacks also land in time.
    const reserve = entry.backup
      ? Math.min(policy.backupTimeoutMs, Math.floor((turn.deadlineAt - started) / 4))
      : 0;
    const outcome = await this.runPrimary(ctx, serverPolicy, turn.deadlineAt - reserve);
    return this.result(toolUse, entry, started, await this.settle(ctx, outcome));
  }

  /** Runs (or joins) the primary call and stops waiting at this caller's own deadline or abort. */
  private async runPrimary(
    ctx: CallContext,
    serverPolicy: ServerPolicy,
    deadlineAt: number,
  ): Promise<PrimaryOutcome> {
    const { entry, args, policy, turn } = ctx;
    const stop = deadlineAbort(deadlineAt, [turn.signal]);
    const progress = { attempts: 0 };
    try {
      const start = (signal: AbortSignal) =>
        this.primary.run({ entry, args, policy, serverPolicy, deadlineAt, signal, progress });
      const { promise, shared } = entry.idempotent
        ? this.coalescer.run(ctx.key, { signal: stop.signal, deadlineAt }, start)
        : { promise: start(stop.signal), shared: false };
      // `undefined` once this caller stops waiting (its deadline or abort), whatever the shared work does.
      const outcome = await untilAborted(promise, stop.signal).catch(() => undefined);
      // Stopped by this caller's deadline or abort: reported the same way, whichever timer fired first.
      if (outcome === undefined || (outcome.kind === 'failed' && isStop(outcome.failure))) {
        const failure = stopFailure(turn, deadlineAt, ctx.started);
        const earlier = outcome && !isStop(outcome.firstFailure) ? outcome.firstFailure : undefined;
        return { kind: 'failed', failure, attempts: progress.attempts, firstFailure: earlier ?? failure };
      }
      return shared ? { ...outcome, attempts: 0 } : outcome;
    } finally {
      stop.dispose();
    }
  }

  private async settle(ctx: CallContext, outcome: PrimaryOutcome): Promise<Settled> {
    const { policy } = ctx;
    const firstError = outcome.firstFailure?.message;
    if (outcome.kind === 'result') {
      const failure = classifyResult(outcome.result);
      if (!failure) {
        const content = toToolResultContent(outcome.result, policy.maxResultChars);
        const isError = outcome.result.isError === true;
        if (!isError && ctx.entry.idempotent) this.cache.set(ctx.key, content);
        const okOutcome = outcome.attempts > 1 ? 'retried-ok' : 'ok';
        return {
          content,
          isError,
          outcome: isError ? 'error' : okOutcome,
          attempts: outcome.attempts,
          ...(firstError ? { error: firstError } : {}),
        };
      }
      return this.fallbackOrError(ctx, failure, outcome.attempts, firstError ?? failure.message);
    }
    if (!outcome.failure.fallback) {
      return this.errorResult(
        ctx,
        outcome.failure,
        outcome.attempts,
        firstError ?? outcome.failure.message,
        false,
      );
    }
    return this.fallbackOrError(
      ctx,
      outcome.failure,
      outcome.attempts,
      firstError ?? outcome.failure.message,
    );
  }

  private async fallbackOrError(
    ctx: CallContext,
    failure: Failure,
    attempts: number,
    firstError: string,
  ): Promise<Settled> {
    const served = await this.fallback.serve({
      entry: ctx.entry,
      args: ctx.args,
      cacheKey: ctx.key,
      failure,
      maxResultChars: ctx.policy.maxResultChars,
      backupTimeoutMs: ctx.policy.backupTimeoutMs,
      deadlineAt: ctx.turn.deadlineAt,
      signal: ctx.turn.signal,
    });
    if (!served) return this.errorResult(ctx, failure, attempts, firstError, true);
    return {
      content: served.content,
      isError: false,
      outcome: served.source === 'backup' ? 'fallback-backup' : 'fallback-cache',
      attempts,
      error: firstError,
      ...(served.ageSeconds === undefined ? {} : { fallbackAgeSeconds: served.ageSeconds }),
    };
  }

  private errorResult(
    ctx: CallContext,
    failure: Failure,
    attempts: number,
    firstError: string,
    triedFallback: boolean,
  ): Settled {
    // One text: the failure's gist and what Claude may do. The server's own text is not appended: its
    // advice (retry, use the backup) is what the host has just done, and would contradict this one.
    const text = errorText({
      tool: ctx.entry.name,
      mcpTool: ctx.entry.mcpTool,
      failure,
      attempts,
      breakerCoolDownMs: ctx.policy.breaker.halfOpenAfterMs,
      triedFallback: triedFallback && (ctx.entry.backup !== undefined || ctx.entry.idempotent),
    });
    return {
      content: [{ type: 'text', text }],
      isError: true,
      outcome: outcomeOf(failure),
      attempts,
      error: firstError,
    };
  }

  private result(
    toolUse: ToolUse,
    entry: CatalogEntry | undefined,
    started: number,
    settled: Settled,
  ): CallResult {
    const record: CallRecord = {
      toolUseId: toolUse.id,
      tool: toolUse.name,
      server: entry?.server ?? '',
      mcpTool: entry?.mcpTool ?? '',
      attempts: settled.attempts,
      latencyMs: Date.now() - started,
      outcome: settled.outcome,
      ok: !settled.isError,
      ...(settled.error === undefined ? {} : { error: settled.error }),
      ...(settled.fallbackAgeSeconds === undefined ? {} : { fallbackAgeSeconds: settled.fallbackAgeSeconds }),
    };
    const toolResult: Anthropic.ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: toolUse.id,
      content: settled.content,
      ...(settled.isError ? { is_error: true } : {}),
    };
    return { toolResult, record };
  }

  /** An `is_error` result for a call that made no request (unknown tool, bad input, host guard). */
  private immediateError(
    toolUse: ToolUse,
    entry: CatalogEntry | undefined,
    started: number,
    text: string,
    outcome: CallOutcome = 'error',
  ): CallResult {
    return this.result(toolUse, entry, started, {
      content: text,
      isError: true,
      outcome,
      attempts: 0,
      error: text,
    });
  }

  private policyFor(entry: CatalogEntry): { call: CallPolicy; server: ServerPolicy } {
    return {
      call: callPolicyFor(this.deps.policy, entry.server, entry.mcpTool),
      server: serverPolicyFor(this.deps.policy, entry.server),
    };
  }

  /** A throwing listener must not cost a call its result. */
  private emit<K extends keyof HostEvents>(event: K, ...args: HostEvents[K]): void {
    try {
      (this.deps.events.emit as (e: K, ...a: HostEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.deps.logger.warn({ err: error, event }, 'host event listener threw');
    }
  }
}

function stopFailure(turn: Turn, deadlineAt: number, started: number): Failure {
  if (turn.signal?.aborted) {
    return {
      kind: 'cancelled',
      message: 'the turn was cancelled',
      retryable: false,
      countsForBreaker: false,
      fallback: true,
    };
  }
  return {
    kind: 'deadline',
    message: deadlineMessage(Math.max(0, deadlineAt - started), turn.deadlineAt - deadlineAt),
    retryable: true,
    countsForBreaker: false,
    fallback: true,
  };
}

/** Says which deadline stopped the call: the turn's, or the earlier one that keeps time for the backup. */
function deadlineMessage(waitedMs: number, reserveMs: number): string {
  if (reserveMs <= 0) return `no answer within the turn deadline (${waitedMs} ms)`;
  return `no answer within ${waitedMs} ms, stopped ${reserveMs} ms before the turn deadline to leave time for the backup`;
}

/** The call ended because its caller stopped it (deadline or abort), not because of the tool. */
function isStop(failure: Failure): boolean {
  return failure.kind === 'deadline' || failure.kind === 'cancelled';
}

function outcomeOf(failure: Failure): CallOutcome {
  if (failure.kind === 'timeout' || failure.kind === 'deadline') return 'timeout';
  if (failure.kind === 'circuit-open') return 'circuit-open';
  if (failure.kind === 'cancelled') return 'cancelled';
  return 'error';
}
