import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HTTP_MAX_SESSIONS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  loadServerConfig,
  readHttpMaxSessions,
  UPSTREAM_DEFAULTS,
} from './config.js';

describe('loadServerConfig', () => {
  it('uses the real APIs and defaults when nothing is set, and treats empty values as unset', () => {
    const config = loadServerConfig({
      HOME: '/home/u',
      RESILIENT_MCP_UPSTREAM_URL: '',
      RESILIENT_MCP_STATE_DIR: '  ',
      RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '',
      FINNHUB_API_KEY: '',
    });
    expect(config.upstreams).toEqual(UPSTREAM_DEFAULTS);
    expect(config.upstreamTimeoutMs).toBe(DEFAULT_UPSTREAM_TIMEOUT_MS);
    expect(config.finnhubApiKey).toBeUndefined();
    expect(config.stateDir).toMatch(/resilient-mcp$/);
  });

  it('points every API at the simulator, with per-API overrides winning', () => {
    const config = loadServerConfig({
      RESILIENT_MCP_UPSTREAM_URL: 'http://127.0.0.1:8790/',
      RESILIENT_MCP_STOCK_URL: 'http://127.0.0.1:9999/finnhub',
    });
    expect(config.upstreams.geocoding).toBe('http://127.0.0.1:8790/geocoding');
    expect(config.upstreams.wikipedia).toBe('http://127.0.0.1:8790/wikipedia');
    expect(config.upstreams.stock).toBe('http://127.0.0.1:9999/finnhub');
  });

  it('resolves the state directory: flag, then env, then XDG_STATE_HOME', () => {
    expect(loadServerConfig({ XDG_STATE_HOME: '/xdg' }).stateDir).toBe('/xdg/resilient-mcp');
    expect(loadServerConfig({ RESILIENT_MCP_STATE_DIR: '/env' }).stateDir).toBe('/env');
    expect(loadServerConfig({ RESILIENT_MCP_STATE_DIR: '/env' }, { stateDir: '/flag' }).stateDir).toBe(
      '/flag',
    );
  });

  it('names the variable when a value is bad', () => {
    expect(() => loadServerConfig({ RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: 'soon' })).toThrow(
      /RESILIENT_MCP_UPSTREAM_TIMEOUT_MS="soon": must be a number of milliseconds/,
    );
    expect(() => loadServerConfig({ RESILIENT_MCP_UPSTREAM_TIMEOUT_MS: '0' })).toThrow(/at least 1 ms/);
    expect(() => loadServerConfig({ RESILIENT_MCP_FORECAST_URL: 'ftp://x' })).toThrow(
      /RESILIENT_MCP_FORECAST_URL="ftp:\/\/x": must be an http\(s\) URL/,
    );
  });
});

describe('readHttpMaxSessions', () => {
  it('defaults to 100, reads the variable and names it when the value is bad', () => {
    expect(readHttpMaxSessions({ RESILIENT_MCP_HTTP_MAX_SESSIONS: '' })).toBe(DEFAULT_HTTP_MAX_SESSIONS);
    expect(readHttpMaxSessions({ RESILIENT_MCP_HTTP_MAX_SESSIONS: '2' })).toBe(2);
    expect(() => readHttpMaxSessions({ RESILIENT_MCP_HTTP_MAX_SESSIONS: '0' })).toThrow(
      /RESILIENT_MCP_HTTP_MAX_SESSIONS="0": must be at least 1/,
    );
    expect(() => readHttpMaxSessions({ RESILIENT_MCP_HTTP_MAX_SESSIONS: 'lots' })).toThrow(
      /must be a number of sessions/,
    );
  });
});
