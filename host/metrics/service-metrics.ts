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
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge({ name, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) => new Histogram({ name, help, labelNames, buckets, registers });
  const metrics = {
    registry,
    toolCallDuration: histogram(
      'resilient_mcp_tool_call_duration_seconds',
      'Tool call latency through the resilience path, retries and fallbacks included.',
      ['server', 'tool', 'outcome'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    toolCalls: counter(
      'resilient_mcp_tool_calls_total',
      'Tool calls by outcome (ok, retried-ok, fallback-backup, fallback-cache, timeout, error, circuit-open, cancelled).',
      ['server', 'tool', 'outcome'],
    ),
    toolRetries: counter(
      'resilient_mcp_tool_retries_total',
      'Retries of tool calls (each retry attempt counts once).',
      ['server', 'tool'],
    ),
    toolFallbacks: counter(
      'resilient_mcp_tool_fallbacks_total',
      'Tool calls answered by a fallback, by source (backup tool or last-good cache).',
      ['server', 'tool', 'source'],
    ),
    breakerState: gauge(
      'resilient_mcp_circuit_breaker_state',
      'Circuit breaker state per tool: 0 closed, 1 half-open, 2 open.',
      ['server', 'tool'],
    ),
    serverRestarts: counter(
      'resilient_mcp_mcp_server_restarts_total',
      'Restarts (respawn or reconnect) of MCP servers by the supervisor.',
      ['server'],
    ),
    serverConnected: gauge(
      'resilient_mcp_mcp_server_connected',
      '1 while the MCP server is connected, else 0.',
      ['server'],
    ),
    runs: counter(
      'resilient_mcp_runs_total',
      'Finished agent runs by final status (succeeded, failed, cancelled).',
      ['status'],
    ),
    runDuration: histogram(
      'resilient_mcp_run_duration_seconds',
      'Agent run duration from start to finish (queue time excluded), by final status.',
      ['status'],
      [0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    ),
    runsActive: gauge('resilient_mcp_runs_active', 'Runs currently queued or running.', ['state']),
    anthropicDuration: histogram(
      'resilient_mcp_anthropic_request_duration_seconds',
      'Anthropic Messages API request latency, until the (streamed) response body ended; status is the HTTP status or "error".',
      ['status'],
      [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    ),
    anthropicTokens: counter(
      'resilient_mcp_anthropic_tokens_total',
      'Anthropic API tokens used by agent runs, by type (input, output).',
      ['type'],
    ),
    webhookDeliveries: counter(
      'resilient_mcp_webhook_deliveries_total',
      'Outbound webhook deliveries by final outcome (delivered, failed).',
      ['outcome'],
    ),
    rejections: counter(
      'resilient_mcp_http_rejections_total',
      'Requests refused before any work, by reason (unauthorized, rate_limited, queue_full).',
      ['reason'],
    ),
  };
  for (const state of ['queued', 'running']) metrics.runsActive.set({ state }, 0);
  return metrics;
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
