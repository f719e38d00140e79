import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Breaker states as gauge values: Prometheus cannot alert on strings. */
export const BREAKER_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * Every metric the service exports, on its own Registry (not prom-client's global one) so several
 * services — or tests — can live in one process. Names follow Prometheus conventions: `_total` for
 * counters, base units (seconds) for durations.
 */
export function createServiceMetrics(registry = new Registry()) {
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    toolCallDuration: new Histogram({
      name: 'resilient_mcp_tool_call_duration_seconds',
      help: 'Tool call latency through the resilience path, retries and fallbacks included.',
      labelNames: ['server', 'tool', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    toolCalls: new Counter({
      name: 'resilient_mcp_tool_calls_total',
      help: 'Tool calls by outcome (ok, retried-ok, fallback-backup, fallback-cache, timeout, error, circuit-open, cancelled).',
      labelNames: ['server', 'tool', 'outcome'] as const,
      registers,
    }),
    toolRetries: new Counter({
      name: 'resilient_mcp_tool_retries_total',
      help: 'Retries of tool calls (each retry attempt counts once).',
      labelNames: ['server', 'tool'] as const,
      registers,
    }),
    toolFallbacks: new Counter({
      name: 'resilient_mcp_tool_fallbacks_total',
      help: 'Tool calls answered by a fallback, by source (backup tool or last-good cache).',
      labelNames: ['server', 'tool', 'source'] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: 'resilient_mcp_circuit_breaker_state',
      help: 'Circuit breaker state per tool: 0 closed, 1 half-open, 2 open.',
      labelNames: ['server', 'tool'] as const,
      registers,
    }),
    serverRestarts: new Counter({
      name: 'resilient_mcp_mcp_server_restarts_total',
      help: 'Restarts (respawn or reconnect) of MCP servers by the supervisor.',
      labelNames: ['server'] as const,
      registers,
    }),
    serverConnected: new Gauge({
      name: 'resilient_mcp_mcp_server_connected',
      help: '1 while the MCP server is connected, else 0.',
      labelNames: ['server'] as const,
      registers,
    }),
    runs: new Counter({
      name: 'resilient_mcp_runs_total',
      help: 'Finished agent runs by final status (succeeded, failed, cancelled).',
      labelNames: ['status'] as const,
      registers,
    }),
    runDuration: new Histogram({
      name: 'resilient_mcp_run_duration_seconds',
      help: 'Agent run duration from start to finish (queue time excluded), by final status.',
      labelNames: ['status'] as const,
      buckets: [0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    runsActive: new Gauge({
      name: 'resilient_mcp_runs_active',
      help: 'Runs currently queued or running.',
      labelNames: ['state'] as const,
      registers,
    }),
    anthropicDuration: new Histogram({
      name: 'resilient_mcp_anthropic_request_duration_seconds',
      help: 'Anthropic Messages API request latency, until the (streamed) response body ended; status is the HTTP status or "error".',
      labelNames: ['status'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    anthropicTokens: new Counter({
      name: 'resilient_mcp_anthropic_tokens_total',
      help: 'Anthropic API tokens used by agent runs, by type (input, output).',
      labelNames: ['type'] as const,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'resilient_mcp_webhook_deliveries_total',
      help: 'Outbound webhook deliveries by final outcome (delivered, failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    rejections: new Counter({
      name: 'resilient_mcp_http_rejections_total',
      help: 'Requests refused before any work, by reason (unauthorized, rate_limited, queue_full).',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
  for (const state of ['queued', 'running']) metrics.runsActive.set({ state }, 0);
  return metrics;
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
