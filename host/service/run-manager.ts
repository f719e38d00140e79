import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../shared/logger.js';
import type { AgentResult, AgentUsage } from '../agent/types.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { type AgentPort, toRunEvent } from './agent-port.js';
import type { ServiceConfig } from './config.js';
import { type RunEvent, type RunEventListener, RunEventLog } from './run-events.js';
import {
  canTransition,
  FINISHED,
  type RunRecord,
  type RunRequest,
  type RunStatus,
  type WebhookDelivery,
} from './run-record.js';
import type { RunStore } from './run-store.js';
import { settleWithin } from './settle-within.js';
import { HttpError } from './validation.js';
import type { WebhookSender, WebhookTarget } from './webhook/sender.js';

interface ActiveRun {
  record: RunRecord;
  events: RunEventLog;
  abort: AbortController;
  webhook?: WebhookTarget;
  log: Logger;
  settled?: Promise<void>;
}

export interface CreateRunInput {
  request: RunRequest;
  source: RunRecord['source'];
  webhook?: WebhookTarget;
}

export interface RunManagerDeps {
  agent: AgentPort;
  store: RunStore;
  webhooks: WebhookSender;
  metrics: ServiceMetrics;
  config: ServiceConfig;
  log: Logger;
}

/**
 * Owns every run: the queue with its bound, the state machine, the per-run event log, cancellation,
 * persistence and the completion webhook. HTTP routes only translate to and from it.
 */
export class RunManager {
  private readonly records = new Map<string, RunRecord>();
  private readonly active = new Map<string, ActiveRun>();
  /** Event logs of recently finished runs, so late SSE subscribers still get the full story. */
  private readonly finishedLogs = new LRUCache<string, RunEventLog>({ max: 200 });
  private readonly queue: ActiveRun[] = [];
  private readonly running = new Set<ActiveRun>();
  private readonly byToolUseId = new Map<string, ActiveRun>();
  private accepting = true;

  constructor(
    private readonly deps: RunManagerDeps,
    existing: RunRecord[],
  ) {
    for (const record of existing) this.records.set(record.id, record);
  }

  get(id: string): RunRecord | undefined {
    return this.records.get(id);
  }

  /** Accepts a run; resolves once its record is on disk, so an accepted run survives a crash. */
  async create(input: CreateRunInput): Promise<RunRecord> {
    if (!this.accepting) throw new HttpError(503, 'shutting_down', 'the service is shutting down');
    const { maxConcurrent, maxQueued } = this.deps.config.runs;
    if (this.running.size >= maxConcurrent && this.queue.length >= maxQueued) {
      this.deps.metrics.rejections.inc({ reason: 'queue_full' });
      throw new HttpError(
        429,
        'run_queue_full',
        `too many runs: ${this.running.size} running (max ${maxConcurrent}) and ${this.queue.length} queued (max ${maxQueued}); retry later`,
        { running: this.running.size, queued: this.queue.length, maxConcurrent, maxQueued },
        { 'retry-after': '5' },
      );
    }
    const id = `run_${randomUUID()}`;
    const record: RunRecord = {
      id,
      status: 'queued',
      source: input.source,
      request: input.request,
      createdAt: new Date().toISOString(),
      toolCalls: [],
      ...(input.webhook && { webhook: { url: input.webhook.url, state: 'pending' as const, attempts: 0 } }),
    };
    const run: ActiveRun = {
      record,
      events: new RunEventLog(),
      abort: new AbortController(),
      log: this.deps.log.child({ runId: id }),
      ...(input.webhook && { webhook: input.webhook }),
    };
    this.records.set(id, record);
    this.active.set(id, run);
    this.queue.push(run);
    const saved = this.deps.store.save(record);
    run.events.push('run-queued', { id, createdAt: record.createdAt });
    run.log.info({ source: record.source }, 'run queued');
    this.pump();
    await saved;
    return record;
  }

  /** Cancels a queued run at once, or aborts a running one (it ends `cancelled` when the agent stops). */
  cancel(id: string, reason = 'cancelled by request'): RunRecord {
    const record = this.records.get(id);
    if (!record) throw new HttpError(404, 'run_not_found', `no run with id ${id}`);
    const run = this.active.get(id);
    if (!run || FINISHED.has(record.status)) {
      throw new HttpError(409, 'run_finished', `run ${id} already finished (${record.status})`, {
        status: record.status,
      });
    }
    if (record.status === 'queued') {
      this.queue.splice(this.queue.indexOf(run), 1);
      this.finish(run, 'cancelled', { error: reason });
    } else {
      run.log.info({ reason }, 'cancelling run');
      run.abort.abort(new Error(reason));
    }
    return record;
  }

  /**
   * Follows a run's events. Runs from before a restart have no event log: they get a single
   * `run-finished` event built from the stored record.
   */
  subscribe(id: string, afterSeq: number, listener: RunEventListener): (() => void) | undefined {
    const log = this.active.get(id)?.events ?? this.finishedLogs.get(id);
    if (log) return log.subscribe(afterSeq, listener);
    const record = this.records.get(id);
    if (!record) return undefined;
    listener.onEvent({ seq: 1, type: 'run-finished', data: finishedEventData(record) });
    listener.onEnd();
    return () => {};
  }

  /** Routes the host's per-call events to the run whose turn made the call. */
  onCallStart(e: { toolUseId: string; tool: string; server: string }): void {
    const run = this.byToolUseId.get(e.toolUseId);
    if (!run) return;
    run.log.child({ toolUseId: e.toolUseId }).info({ tool: e.tool, server: e.server }, 'tool call started');
    run.events.push('tool-call-started', { ...e });
  }

  /** Calls end before their run finishes (see AgentPort); one that outlives it is still recorded and saved. */
  onCallEnd(e: RunRecord['toolCalls'][number]): void {
    const run = this.byToolUseId.get(e.toolUseId);
    if (!run) return;
    this.byToolUseId.delete(e.toolUseId);
    run.record.toolCalls.push(e);
    const { toolUseId, ...rest } = e;
    run.log.child({ toolUseId }).info(rest, 'tool call finished');
    if (run.events.isEnded) void this.deps.store.save(run.record);
    else run.events.push('tool-call-finished', { ...e });
  }

  /**
   * Shutdown: refuse new runs, cancel queued ones, give running ones `graceMs` to finish, then abort
   * them and wait until each has settled (and been saved).
   */
  async shutdown(graceMs: number): Promise<void> {
    this.accepting = false;
    for (const run of this.queue.splice(0)) this.finish(run, 'cancelled', { error: 'service shutting down' });
    const settled = () => [...this.running].map((r) => r.settled);
    if (!(await settleWithin(settled(), graceMs))) {
      this.deps.log.warn({ running: this.running.size, graceMs }, 'grace period over; cancelling runs');
      for (const run of this.running) run.abort.abort(new Error('service shutting down'));
      await Promise.all(settled());
    }
  }

  private pump(): void {
    while (this.running.size < this.deps.config.runs.maxConcurrent && this.queue.length) {
      const run = this.queue.shift() as ActiveRun;
      this.running.add(run);
      run.settled = this.execute(run)
        .catch((err: unknown) => run.log.error({ err }, 'run bookkeeping failed'))
        .finally(() => {
          this.running.delete(run);
          this.updateGauges();
          this.pump();
        });
    }
    this.updateGauges();
  }

  private async execute(run: ActiveRun): Promise<void> {
    const { record } = run;
    this.transition(run, 'running');
    record.startedAt = new Date().toISOString();
    void this.deps.store.save(record);
    run.events.push('run-started', { id: record.id, startedAt: record.startedAt });
    run.log.info('run started');
    const { config } = this.deps;
    try {
      const result = await this.deps.agent.run(record.request.prompt, {
        ...(record.request.system !== undefined && { system: record.request.system }),
        ...(record.request.model !== undefined && { model: record.request.model }),
        // Requests and hooks above runs.maxTurns are refused up front, so the record's value is the one used.
        maxTurns: record.request.maxTurns ?? config.runs.maxTurns,
        runDeadlineMs: record.request.deadlineMs ?? config.runs.defaultDeadlineMs,
        signal: run.abort.signal,
        onToolUses: (ids) => {
          for (const id of ids) this.byToolUseId.set(id, run);
        },
        onEvent: (event) => {
          if (event.type === 'turn-end') this.countTokens(event.usage);
          const mapped = toRunEvent(event);
          if (mapped) run.events.push(mapped.type, mapped.data);
        },
      });
      this.keepResult(record, result);
      this.finish(run, run.abort.signal.aborted ? 'cancelled' : 'succeeded', {});
    } catch (err) {
      const partial = (err as { partial?: AgentResult }).partial;
      if (partial) this.keepResult(record, partial);
      const aborted = run.abort.signal.aborted;
      const reason = messageOf(aborted ? run.abort.signal.reason : err);
      if (!aborted) run.log.error({ err }, 'run failed');
      this.finish(run, aborted ? 'cancelled' : 'failed', { error: reason });
    }
  }

  private finish(run: ActiveRun, status: RunStatus, fields: { error?: string }): void {
    const { record } = run;
    this.transition(run, status);
    record.finishedAt = new Date().toISOString();
    if (fields.error) record.error = fields.error;
    if (record.startedAt) {
      record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
      this.deps.metrics.runDuration.observe({ status }, record.durationMs / 1000);
    }
    this.deps.metrics.runs.inc({ status });
    void this.deps.store.save(record);
    run.events.push('run-finished', finishedEventData(record));
    run.events.end();
    this.active.delete(record.id);
    this.finishedLogs.set(record.id, run.events);
    run.log.info({ status, durationMs: record.durationMs, error: record.error }, 'run finished');
    this.updateGauges();
    if (run.webhook) this.sendWebhook(run, run.webhook);
  }

  private keepResult(record: RunRecord, result: AgentResult): void {
    const { answer, stopReason, turns, usage } = result;
    Object.assign(record, { answer, stopReason, turns, usage });
  }

  /** Per turn, so the tokens of runs that fail later are counted too. */
  private countTokens(usage: AgentUsage): void {
    this.deps.metrics.anthropicTokens.inc({ type: 'input' }, usage.inputTokens);
    this.deps.metrics.anthropicTokens.inc({ type: 'output' }, usage.outputTokens);
  }

  private sendWebhook(run: ActiveRun, target: WebhookTarget): void {
    const { record } = run;
    const { webhook: _delivery, ...finished } = record;
    const onUpdate = (delivery: WebhookDelivery) => {
      record.webhook = delivery;
      void this.deps.store.save(record);
      if (delivery.state !== 'pending') this.deps.metrics.webhookDeliveries.inc({ outcome: delivery.state });
    };
    const payload = { event: 'run.finished', run: finished };
    this.deps.webhooks.send(target, 'run.finished', payload, onUpdate, run.log);
  }

  private transition(run: ActiveRun, to: RunStatus): void {
    const from = run.record.status;
    if (!canTransition(from, to)) throw new Error(`run ${run.record.id}: illegal transition ${from} → ${to}`);
    run.record.status = to;
  }

  private updateGauges(): void {
    this.deps.metrics.runsActive.set({ state: 'queued' }, this.queue.length);
    this.deps.metrics.runsActive.set({ state: 'running' }, this.running.size);
  }
}

/** `toolCalls` is a count: the calls themselves are on the record and in `tool-call-finished` events. */
function finishedEventData(record: RunRecord): RunEvent['data'] {
  const { id, status, answer, error, usage, durationMs, turns } = record;
  return { id, status, answer, error, usage, durationMs, turns, toolCalls: record.toolCalls.length };
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
