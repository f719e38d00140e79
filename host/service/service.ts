import { setTimeout } from 'node:timers/promises';
import { urlHostname } from '../../shared/listen.js';
import type { Logger } from '../../shared/logger.js';
import { createAnthropicClient } from '../agent/client.js';
import { runAgent } from '../agent/index.js';
import { createHost } from '../index.js';
import { instrumentedFetch } from '../metrics/anthropic-fetch.js';
import { markBreakersClosed, markServersConnected, observeHostEvents } from '../metrics/host-events.js';
import { createServiceMetrics } from '../metrics/service-metrics.js';
import { createAgentPort } from './agent-port.js';
import { buildApp } from './app.js';
import { BearerAuth } from './auth.js';
import type { ServiceConfig } from './config.js';
import type { ServiceHost } from './host-port.js';
import { RateLimiter } from './rate-limit.js';
import { RunManager } from './run-manager.js';
import { RunStore } from './run-store.js';
import { WebhookSender } from './webhook/sender.js';

export interface ServiceOptions {
  port: number;
  /** Bind address; 127.0.0.1 by default (the CLI refuses `--no-auth` anywhere but loopback). */
  host: string;
  mcpConfigPath: string;
  policyPath?: string;
  config: ServiceConfig;
  /** Run records live in `<stateDir>/runs/`. */
  stateDir: string;
  /** Bearer tokens; `undefined` disables auth. */
  tokens: readonly string[] | undefined;
  anthropic: { apiKey?: string; baseURL?: string };
  log: Logger;
}

export interface RunningService {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  /** Graceful stop: see `docs/service.md` ("Shutdown"). Resolves once the host is closed. */
  close(): Promise<void>;
}

/** Builds everything `serve` runs — host, agent client, run manager, store, metrics, HTTP — and listens. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { log, config } = opts;
  const metrics = createServiceMetrics();
  const client = createAnthropicClient({ ...opts.anthropic, fetch: instrumentedFetch(metrics) });
  const store = new RunStore(opts.stateDir, log.child({ component: 'run-store' }));
  const existing = await store.open();
  const host: ServiceHost = await createHost({
    mcpConfigPath: opts.mcpConfigPath,
    ...(opts.policyPath && { policyPath: opts.policyPath }),
    logger: log.child({ component: 'host' }),
  });
  const detachMetrics = observeHostEvents(host.events, metrics, host);
  markBreakersClosed(host.catalog.entries(), metrics);
  markServersConnected(host, metrics);
  const webhooks = new WebhookSender(config.webhooks, log);
  const runs = new RunManager(
    {
      agent: createAgentPort({
        runAgent,
        client,
        tools: () => host.anthropicTools(),
        executeTurn: (uses, turnOpts) => host.executeTurn(uses, turnOpts),
      }),
      store,
      webhooks,
      metrics,
      config,
      log,
    },
    existing,
  );
  host.events.on('call-start', (e) => runs.onCallStart(e));
  host.events.on('call-end', (e) => runs.onCallEnd(e));

  let shuttingDown = false;
  const app = buildApp({
    host,
    runs,
    metrics,
    config,
    auth: opts.tokens ? new BearerAuth(opts.tokens) : undefined,
    rateLimiter: new RateLimiter(config.rateLimit.burst, config.rateLimit.perSecond),
    log,
    isShuttingDown: () => shuttingDown,
  });
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await host.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${urlHostname(opts.host)}:${port}`;
  log.info({ url, runsLoaded: existing.length, auth: Boolean(opts.tokens) }, 'service listening');

  let closing: Promise<void> | undefined;
  const close = async () => {
    shuttingDown = true;
    const startedAt = Date.now();
    log.info({ graceMs: config.shutdownGraceMs }, 'shutting down: no new runs; waiting for running ones');
    const httpClosed = app.close(); // stops listening; requests that still arrive get 503
    await runs.shutdown(config.shutdownGraceMs);
    // Finished runs have ended their SSE streams; give other requests a moment, then drop what is left.
    await Promise.race([httpClosed, setTimeout(1000)]);
    app.server.closeAllConnections();
    await httpClosed;
    await webhooks.drain(Math.max(1000, config.shutdownGraceMs - (Date.now() - startedAt)));
    detachMetrics();
    await host.close(); // ends any call still in flight, so its record is saved by the flush below
    await store.flush();
    log.info({ ms: Date.now() - startedAt }, 'shutdown complete');
  };
  return { url, close: () => (closing ??= close()) };
}
