import { z } from 'zod';
import { defaultStateDir, readEnv } from '../shared/env.js';

/** Real base URL of each upstream API. The simulator serves each under `${sim}/<name>`. */
export const UPSTREAM_DEFAULTS = {
  geocoding: 'https://geocoding-api.open-meteo.com',
  forecast: 'https://api.open-meteo.com',
  currency: 'https://api.frankfurter.dev',
  stock: 'https://finnhub.io/api',
  wikipedia: 'https://en.wikipedia.org',
} as const;
export type UpstreamName = keyof typeof UPSTREAM_DEFAULTS;
const UPSTREAM_NAMES = Object.keys(UPSTREAM_DEFAULTS) as UpstreamName[];

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 8000;
export const DEFAULT_HTTP_MAX_SESSIONS = 100;

export interface ServerConfig {
  upstreams: Record<UpstreamName, string>;
  finnhubApiKey?: string;
  /** The most time one tool call may spend waiting on its upstream APIs. */
  upstreamTimeoutMs: number;
  /** Holds `last-good.json`. */
  stateDir: string;
}

/** Environment variables the server reads (documented in `--help` and docs/server.md). */
export const ENV = {
  upstreamUrl: 'RESILIENT_MCP_UPSTREAM_URL',
  upstreamTimeoutMs: 'RESILIENT_MCP_UPSTREAM_TIMEOUT_MS',
  stateDir: 'RESILIENT_MCP_STATE_DIR',
  token: 'RESILIENT_MCP_TOKEN',
  httpMaxSessions: 'RESILIENT_MCP_HTTP_MAX_SESSIONS',
  finnhubApiKey: 'FINNHUB_API_KEY',
} as const;
export const upstreamEnvName = (name: UpstreamName): string => `RESILIENT_MCP_${name.toUpperCase()}_URL`;

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const positiveWhole = (unit: string, least: string) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(1, `must be at least ${least}`);
const TimeoutMs = positiveWhole('milliseconds', '1 ms');
const SessionCount = positiveWhole('sessions', '1');

function parseEnv<T>(schema: z.ZodType<T>, name: string, value: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${name}=${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Most HTTP sessions open at once: `RESILIENT_MCP_HTTP_MAX_SESSIONS`, else 100; a bad value throws. */
export function readHttpMaxSessions(env: NodeJS.ProcessEnv): number {
  const value = readEnv(env, ENV.httpMaxSessions);
  return value === undefined ? DEFAULT_HTTP_MAX_SESSIONS : parseEnv(SessionCount, ENV.httpMaxSessions, value);
}

/** Builds the server's configuration from the environment; bad values throw naming the variable. */
export function loadServerConfig(
  env: NodeJS.ProcessEnv,
  overrides: { stateDir?: string } = {},
): ServerConfig {
  const sim = readEnv(env, ENV.upstreamUrl);
  const simBase = sim === undefined ? undefined : parseEnv(HttpUrl, ENV.upstreamUrl, sim).replace(/\/+$/, '');
  const upstreams = Object.fromEntries(
    UPSTREAM_NAMES.map((name) => {
      const own = readEnv(env, upstreamEnvName(name));
      const base = own ?? (simBase ? `${simBase}/${name}` : UPSTREAM_DEFAULTS[name]);
      return [
        name,
        parseEnv(HttpUrl, own ? upstreamEnvName(name) : ENV.upstreamUrl, base).replace(/\/+$/, ''),
      ];
    }),
  ) as Record<UpstreamName, string>;
  const timeout = readEnv(env, ENV.upstreamTimeoutMs);
  const finnhubApiKey = readEnv(env, ENV.finnhubApiKey);
  return {
    upstreams,
    ...(finnhubApiKey ? { finnhubApiKey } : {}),
    upstreamTimeoutMs:
      timeout === undefined
        ? DEFAULT_UPSTREAM_TIMEOUT_MS
        : parseEnv(TimeoutMs, ENV.upstreamTimeoutMs, timeout),
    stateDir: overrides.stateDir ?? defaultStateDir(env),
  };
}
