import type { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { ServerConfig, UpstreamName } from '../config.js';
import { ToolError } from '../tool-error.js';

/** How each upstream is named in error messages. */
const SERVICE_NAMES: Record<UpstreamName, string> = {
  geocoding: 'Open-Meteo geocoding',
  forecast: 'Open-Meteo forecast',
  currency: 'Frankfurter',
  stock: 'Finnhub',
  wikipedia: 'Wikipedia',
};

const USER_AGENT = 'resilient-mcp/0.1 (MCP tool server; https://github.com/resilient-mcp)';

export type Query = Record<string, string | number | undefined>;

export interface GetJsonOptions {
  query?: Query;
  /** Turns a non-2xx answer into a tool-specific error (e.g. 404 → not_found); else a generic one. */
  onStatus?: (status: number, body: unknown) => ToolError | undefined;
}

/** Upstream HTTP for one tool call: every request shares the call's signal (client cancel + timeout). */
export interface UpstreamClient {
  getJson<S extends z.ZodType>(
    upstream: UpstreamName,
    path: string,
    schema: S,
    options?: GetJsonOptions,
  ): Promise<z.infer<S>>;
}

/** 408, 425, 429 and 5xx can succeed later; other 4xx mean the request itself is wrong. */
const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 425 || status === 429 || status >= 500;

function statusError(service: string, status: number, body: unknown): ToolError {
  const detail = typeof body === 'object' && body !== null ? JSON.stringify(body).slice(0, 200) : '';
  return new ToolError(
    'upstream_status',
    `${service} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
    {
      retryable: isRetryableStatus(status),
      status,
    },
  );
}

/** A request that never got a whole answer (connection refused, reset, cut mid-body): a retry may work. */
function unreachableError(service: string, error: unknown, during: string): ToolError {
  const cause = (error as Error & { cause?: { code?: string } }).cause;
  const reason = cause?.code ?? (error as Error).message;
  return new ToolError('upstream_unreachable', `${during} ${service} (${reason}).`, { retryable: true });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createUpstreamClient(config: ServerConfig, signal: AbortSignal, log: Logger): UpstreamClient {
  return {
    async getJson(upstream, path, schema, options = {}) {
      const service = SERVICE_NAMES[upstream];
      const url = new URL(`${config.upstreams[upstream]}${path}`);
      for (const [key, value] of Object.entries(options.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      log.debug({ upstream, path: url.pathname }, 'upstream request');
      let response: Response;
      try {
        response = await fetch(url, {
          signal,
          headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        });
      } catch (error) {
        if (signal.aborted) throw error; // the tool wrapper tells a timeout from a cancellation
        throw unreachableError(service, error, 'could not reach');
      }
      let body: unknown;
      try {
        body = await readBody(response);
      } catch (error) {
        // undici rejects a body cut off mid-way with `TypeError: terminated`: the network, not a bug.
        if (signal.aborted) throw error;
        throw unreachableError(service, error, 'lost the connection while reading the answer of');
      }
      if (!response.ok)
        throw options.onStatus?.(response.status, body) ?? statusError(service, response.status, body);
      if (body === undefined) {
        throw new ToolError('upstream_malformed', `${service} sent a response that is not valid JSON.`, {
          retryable: true,
          status: response.status,
        });
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        log.warn(
          { upstream, issues: parsed.error.issues },
          'upstream response did not match the expected shape',
        );
        throw new ToolError('upstream_malformed', `${service} sent a response in an unexpected shape.`, {
          retryable: true,
          status: response.status,
        });
      }
      return parsed.data;
    },
  };
}
