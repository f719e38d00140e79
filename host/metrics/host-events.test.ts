import { describe, expect, it } from 'vitest';
import { HostEventEmitter } from '../events.js';
import { markBreakersClosed, markServersConnected, observeHostEvents } from './host-events.js';
import { createServiceMetrics } from './service-metrics.js';

const server = 'weather';
// A namespaced catalog name: metrics label the tool by its own name on the server.
const catalogName = 'weather__get_weather';
const tool = 'get_weather';
const call = { toolUseId: 'toolu_1', server, tool: catalogName, mcpTool: tool, attempts: 1, ok: true };

describe('observeHostEvents', () => {
  it('maps call, retry, breaker and server events onto metrics, and detaches', async () => {
    const events = new HostEventEmitter();
    const metrics = createServiceMetrics();
    const detach = observeHostEvents(events, metrics);
    events.emit('call-end', { ...call, outcome: 'ok', latencyMs: 20 });
    events.emit('call-end', { ...call, outcome: 'fallback-cache', latencyMs: 300 });
    events.emit('retry', { server, tool: catalogName, mcpTool: tool, attempt: 1, delayMs: 10, error: 'x' });
    events.emit('breaker', { server, tool: catalogName, mcpTool: tool, state: 'open' });
    events.emit('server-state', { server, state: 'restarting' });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`resilient_mcp_tool_calls_total{server="weather",tool="${tool}",outcome="ok"} 1`);
    expect(text).toContain(
      `resilient_mcp_tool_fallbacks_total{server="weather",tool="${tool}",source="cache"} 1`,
    );
    expect(text).toContain(`resilient_mcp_tool_retries_total{server="weather",tool="${tool}"} 1`);
    expect(text).toContain(`resilient_mcp_circuit_breaker_state{server="weather",tool="${tool}"} 2`);
    expect(text).toContain('resilient_mcp_mcp_server_restarts_total{server="weather"} 1');
    expect(text).toMatch(
      /resilient_mcp_tool_call_duration_seconds_bucket\{le="0\.025",server="weather",tool="[^"]+",outcome="ok"\} 1/,
    );
    detach();
    expect(events.listenerCount('call-end')).toBe(0);
  });

  it('reports the breaker of every visible tool as closed before its first call', async () => {
    const metrics = createServiceMetrics();
    markBreakersClosed(
      [
        { server, mcpTool: 'get_weather', hidden: false },
        { server, mcpTool: 'get_weather_cached', hidden: true },
      ],
      metrics,
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain('resilient_mcp_circuit_breaker_state{server="weather",tool="get_weather"} 0');
    expect(text).not.toContain('tool="get_weather_cached"');
  });

  it('reports servers connected before it subscribed, once the host says every server is', async () => {
    const metrics = createServiceMetrics();
    const events = new HostEventEmitter();
    let ready = false;
    const host = {
      isReady: () => ready,
      catalog: { entries: () => [{ server: 'a' }, { server: 'a' }, { server: 'b' }] },
    };
    const connected = async () =>
      (await metrics.registry.metrics())
        .split('\n')
        .filter((l) => l.startsWith('resilient_mcp_mcp_server_connected'));
    observeHostEvents(events, metrics, host);
    markServersConnected(host, metrics); // not ready: which server is down is unknown, so no guess
    expect(await connected()).toEqual([]);
    ready = true; // b reconnects; a connected before the subscription
    events.emit('server-state', { server: 'b', state: 'connected' });
    expect(await connected()).toEqual([
      'resilient_mcp_mcp_server_connected{server="b"} 1',
      'resilient_mcp_mcp_server_connected{server="a"} 1',
    ]);
    ready = false;
    events.emit('server-state', { server: 'a', state: 'restarting' });
    expect(await connected()).toContain('resilient_mcp_mcp_server_connected{server="a"} 0');
  });

  it('gives every metrics instance its own registry', async () => {
    const a = createServiceMetrics();
    const b = createServiceMetrics();
    a.runs.inc({ status: 'succeeded' });
    expect(await a.registry.metrics()).toContain('resilient_mcp_runs_total{status="succeeded"} 1');
    expect(await b.registry.metrics()).not.toContain('resilient_mcp_runs_total{status="succeeded"}');
  });
});
