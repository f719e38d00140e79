import { describe, expect, it } from 'vitest';
import { instrumentedFetch } from './anthropic-fetch.js';
import { createServiceMetrics } from './service-metrics.js';

describe('instrumentedFetch', () => {
  it('observes a request once its body has been read, labelled by status', async () => {
    const metrics = createServiceMetrics();
    const base: typeof fetch = async () => new Response('event: ping\ndata: {}\n\n', { status: 200 });
    const res = await instrumentedFetch(metrics, base)('http://127.0.0.1/v1/messages');
    expect(await metrics.registry.metrics()).not.toContain('request_duration_seconds_count{status="200"} 1');
    expect(await res.text()).toBe('event: ping\ndata: {}\n\n');
    expect(await metrics.registry.metrics()).toContain(
      'resilient_mcp_anthropic_request_duration_seconds_count{status="200"} 1',
    );
  });

  it('labels network failures "error" and rethrows', async () => {
    const metrics = createServiceMetrics();
    const base: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(instrumentedFetch(metrics, base)('http://127.0.0.1/')).rejects.toThrow('fetch failed');
    expect(await metrics.registry.metrics()).toContain(
      'resilient_mcp_anthropic_request_duration_seconds_count{status="error"} 1',
    );
  });
});
