import { BREAKER_STATE_VALUE, type ServiceMetrics } from './service-metrics.js';

/** The host events the metrics read (see "Host API" in docs/architecture.md). */
export interface ObservedHostEvents {
  'call-end': { tool: string; server: string; outcome: string; latencyMs: number };
  retry: { tool: string; server: string };
  breaker: { tool: string; server: string; state: keyof typeof BREAKER_STATE_VALUE };
  'server-state': { server: string; state: string };
}

export interface HostEventSource {
  on<K extends keyof ObservedHostEvents>(event: K, listener: (e: ObservedHostEvents[K]) => void): unknown;
  off<K extends keyof ObservedHostEvents>(event: K, listener: (e: ObservedHostEvents[K]) => void): unknown;
}

const FALLBACK_SOURCE: Record<string, string> = { 'fallback-backup': 'backup', 'fallback-cache': 'cache' };

/** Turns host events into metric updates; returns a function that stops listening. */
export function observeHostEvents(events: HostEventSource, metrics: ServiceMetrics): () => void {
  const onCallEnd = (e: ObservedHostEvents['call-end']) => {
    const labels = { server: e.server, tool: e.tool, outcome: e.outcome };
    metrics.toolCalls.inc(labels);
    metrics.toolCallDuration.observe(labels, e.latencyMs / 1000);
    const source = FALLBACK_SOURCE[e.outcome];
    if (source) metrics.toolFallbacks.inc({ server: e.server, tool: e.tool, source });
  };
  const onRetry = (e: ObservedHostEvents['retry']) =>
    metrics.toolRetries.inc({ server: e.server, tool: e.tool });
  const onBreaker = (e: ObservedHostEvents['breaker']) =>
    metrics.breakerState.set({ server: e.server, tool: e.tool }, BREAKER_STATE_VALUE[e.state]);
  const onServerState = (e: ObservedHostEvents['server-state']) => {
    if (e.state === 'restarting') metrics.serverRestarts.inc({ server: e.server });
    metrics.serverConnected.set({ server: e.server }, e.state === 'connected' ? 1 : 0);
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
