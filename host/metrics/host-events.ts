import type { HostEventEmitter, HostEvents } from '../events.js';
import { BREAKER_STATE_VALUE, type ServiceMetrics } from './service-metrics.js';

type Payload<K extends keyof HostEvents> = HostEvents[K][0];

const FALLBACK_SOURCE: Record<string, string> = { 'fallback-backup': 'backup', 'fallback-cache': 'cache' };

/**
 * Breakers are created on a tool's first call; until then its gauge would be absent. Setting every
 * visible tool to 0 (closed) at start makes "no breaker open" an observable fact, not a gap.
 */
export function markBreakersClosed(
  entries: ReadonlyArray<{ server: string; mcpTool: string; hidden: boolean }>,
  metrics: ServiceMetrics,
): void {
  for (const entry of entries) {
    if (!entry.hidden) metrics.breakerState.set({ server: entry.server, tool: entry.mcpTool }, 0);
  }
}

/** What the metrics can learn about the servers from the Host API. */
export interface HostServersView {
  /** Every server connected. */
  isReady(): boolean;
  catalog: { entries(): ReadonlyArray<{ server: string }> };
}

/**
 * `connected` events fire inside `createHost`, before metrics can subscribe, so the gauge is seeded
 * from the host: when it is ready, every server (each one named by its tools) is connected. When it is
 * not, the Host API cannot say which server is down, so the gauge is left to the `server-state` events
 * (a down server reports its next reconnect attempt) and seeded again once the host is ready.
 */
export function markServersConnected(host: HostServersView, metrics: ServiceMetrics): void {
  if (!host.isReady()) return;
  for (const server of new Set(host.catalog.entries().map((e) => e.server))) {
    metrics.serverConnected.set({ server }, 1);
  }
}

/**
 * Turns host events into metric updates; returns a function that stops listening. With `host`, a
 * server's `connected` event also fills in the servers whose own event came before the subscription.
 */
export function observeHostEvents(
  events: HostEventEmitter,
  metrics: ServiceMetrics,
  host?: HostServersView,
): () => void {
  const onCallEnd = (e: Payload<'call-end'>) => {
    // Metrics label tools by their own name; `server` tells same-named tools apart.
    const tool = e.mcpTool || e.tool;
    const labels = { server: e.server, tool, outcome: e.outcome };
    metrics.toolCalls.inc(labels);
    metrics.toolCallDuration.observe(labels, e.latencyMs / 1000);
    const source = FALLBACK_SOURCE[e.outcome];
    if (source) metrics.toolFallbacks.inc({ server: e.server, tool, source });
  };
  const onRetry = (e: Payload<'retry'>) => metrics.toolRetries.inc({ server: e.server, tool: e.mcpTool });
  const onBreaker = (e: Payload<'breaker'>) =>
    metrics.breakerState.set({ server: e.server, tool: e.mcpTool }, BREAKER_STATE_VALUE[e.state]);
  const onServerState = (e: Payload<'server-state'>) => {
    if (e.state === 'restarting') metrics.serverRestarts.inc({ server: e.server });
    metrics.serverConnected.set({ server: e.server }, e.state === 'connected' ? 1 : 0);
    if (e.state === 'connected' && host) markServersConnected(host, metrics);
  };
  events.on('call-end', onCallEnd);
  events.on('retry', onRetry);
  events.on('breaker', onBreaker);
  events.on('server-state', onServerState);
  return () => {
    events.off('call-end', onCallEnd);
    events.off('retry', onRetry);
    events.off('breaker', onBreaker);
    events.off('server-state', onServerState);
  };
}
