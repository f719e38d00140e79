import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../shared/logger.js';
import type { WebhookDelivery } from '../run-record.js';
import { signWebhook } from './signature.js';

export interface WebhookRetryOptions {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Backoff before attempt `attempt + 1`: exponential, capped, ±20% jitter so receivers are not stampeded. */
export function backoffMs(attempt: number, opts: WebhookRetryOptions, random = Math.random): number {
  const base = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Delivers webhooks in the background with retries. A delivery never blocks the run it reports on;
 * `drain()` gives in-flight deliveries a grace period at shutdown, then aborts them.
 */
export class WebhookSender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly opts: WebhookRetryOptions,
    private readonly log: Logger,
  ) {}

  /**
   * Starts a delivery; `onUpdate` sees the state after every attempt. Any 2xx counts as delivered.
   * `log` (e.g. the run's child logger) puts its context on every delivery log line.
   */
  send(
    target: WebhookTarget,
    event: string,
    payload: unknown,
    onUpdate: (d: WebhookDelivery) => void,
    log: Logger = this.log,
  ): void {
    const delivery = this.deliver(target, event, JSON.stringify(payload), onUpdate, log).catch((err: Error) =>
      log.error({ err, url: target.url }, 'webhook delivery crashed'),
    );
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  async drain(graceMs: number): Promise<void> {
    const all = Promise.all(this.inFlight);
    const timer = setTimeout(() => this.abort.abort(new Error('service shutting down')), graceMs);
    await all;
    clearTimeout(timer);
  }

  private async deliver(
    target: WebhookTarget,
    event: string,
    body: string,
    onUpdate: (d: WebhookDelivery) => void,
    parentLog: Logger,
  ): Promise<void> {
    const deliveryId = randomUUID();
    const state: WebhookDelivery = { url: target.url, state: 'pending', attempts: 0 };
    const log = parentLog.child({ component: 'webhook', deliveryId, url: target.url });
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt++) {
      state.attempts = attempt;
      const outcome = await this.attempt(target, event, deliveryId, body);
      Object.assign(state, outcome);
      if (outcome.lastStatus !== undefined && outcome.lastStatus >= 200 && outcome.lastStatus < 300) {
        Object.assign(state, {
          state: 'delivered',
          deliveredAt: new Date().toISOString(),
          lastError: undefined,
        });
        log.info({ attempt, status: outcome.lastStatus }, 'webhook delivered');
        onUpdate({ ...state });
        return;
      }
      const last = attempt === this.opts.maxAttempts || this.abort.signal.aborted;
      if (last) break;
      const delayMs = backoffMs(attempt, this.opts);
      log.warn({ attempt, ...outcome, delayMs }, 'webhook attempt failed; retrying');
      onUpdate({ ...state });
      try {
        await sleep(delayMs, undefined, { signal: this.abort.signal });
      } catch {
        break; // shutting down
      }
    }
    state.state = 'failed';
    log.error(
      { attempts: state.attempts, lastStatus: state.lastStatus, lastError: state.lastError },
      'webhook failed',
    );
    onUpdate({ ...state });
  }

  private async attempt(
    target: WebhookTarget,
    event: string,
    deliveryId: string,
    body: string,
  ): Promise<Pick<WebhookDelivery, 'lastStatus' | 'lastError'>> {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs)]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'resilient-mcp-webhook',
          'x-timestamp': String(timestamp),
          'x-signature': signWebhook(target.secret, timestamp, body),
          'x-delivery-id': deliveryId,
          'x-event': event,
        },
      });
      await res.body?.cancel();
      return res.ok
        ? { lastStatus: res.status }
        : { lastStatus: res.status, lastError: `HTTP ${res.status}` };
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause;
      return { lastStatus: undefined, lastError: cause?.message ?? (err as Error).message };
    }
  }
}
