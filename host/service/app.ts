import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from '../../shared/logger.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { BearerAuth } from './auth.js';
import type { ServiceConfig } from './config.js';
import type { ServiceHost } from './host-port.js';
import type { RateLimiter } from './rate-limit.js';
import { registerHookRoutes } from './routes/hooks.js';
import { registerOpsRoutes } from './routes/ops.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerToolRoutes } from './routes/tools.js';
import type { RunManager } from './run-manager.js';
import { HttpError } from './validation.js';

export interface AppDeps {
  host: ServiceHost;
  runs: RunManager;
  metrics: ServiceMetrics;
  config: ServiceConfig;
  /** `undefined` = auth disabled (only allowed on loopback; the CLI enforces that). */
  auth: BearerAuth | undefined;
  rateLimiter: RateLimiter;
  log: Logger;
  isShuttingDown(): boolean;
}

/** `application/vnd.api+json` and friends: JSON under a structured-syntax suffix (RFC 6839). */
const JSON_SUFFIX_TYPE = /^application\/[^\s;/]+\+json\s*(;|$)/i;

/** Readable messages for Fastify's own request errors (body parsing, limits). */
const FASTIFY_ERRORS: Record<
  string,
  (err: FastifyError, request: FastifyRequest, limit: number) => [string, string]
> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, _r, limit) => [
    'body_too_large',
    `request body exceeds the limit of ${limit} bytes`,
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (_e, request) => [
    'unsupported_media_type',
    `${request.headers['content-type'] ? `content-type ${request.headers['content-type']} is not supported` : 'the request body has no content-type'}: send JSON with content-type: application/json`,
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => ['invalid_json', `request body is not valid JSON: ${e.message}`],
  FST_ERR_CTP_EMPTY_JSON_BODY: () => [
    'invalid_json',
    'request body is empty but content-type is application/json',
  ],
};

/** The HTTP API: `/v1/*` behind bearer auth and a per-caller rate limit; health and metrics open. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const bodyLimit = deps.config.http.bodyLimitBytes;
  const app = Fastify({
    // Typed as Fastify's base logger so route modules take the plain FastifyInstance.
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit,
    return503OnClosing: true,
    requestIdHeader: 'x-request-id',
  });
  // Bodies are JSON only: without its built-in text/plain parser Fastify answers any other type with
  // 415, instead of handing a string to the routes (a 400 on /v1/runs, a confusing 422 on hooks).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    JSON_SUFFIX_TYPE,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      return reply
        .code(err.statusCode)
        .headers(err.headers ?? {})
        .send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply
        .code(status)
        .send({ error: { code: 'internal', message: 'internal error; see the service log' } });
    }
    const [code, message] = FASTIFY_ERRORS[err.code]?.(err, request, bodyLimit) ?? [
      err.code?.toLowerCase() ?? 'bad_request',
      err.message,
    ];
    return reply.code(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );

  registerOpsRoutes(app, deps);
  app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        const caller = deps.auth ? deps.auth.identify(request.headers.authorization) : `ip:${request.ip}`;
        if (!caller) {
          deps.metrics.rejections.inc({ reason: 'unauthorized' });
          reply.header('www-authenticate', 'Bearer realm="resilient-mcp"');
          throw new HttpError(
            401,
            'unauthorized',
            'missing or invalid bearer token (Authorization: Bearer <token>)',
          );
        }
        request.log = request.log.child({ caller });
        const decision = deps.rateLimiter.take(caller);
        reply.header('x-ratelimit-remaining', String(decision.remaining));
        if (!decision.allowed) {
          deps.metrics.rejections.inc({ reason: 'rate_limited' });
          throw new HttpError(
            429,
            'rate_limited',
            `rate limit exceeded for this token; retry in ${decision.retryAfterSeconds} s`,
            { retryAfterSeconds: decision.retryAfterSeconds },
            { 'retry-after': String(decision.retryAfterSeconds) },
          );
        }
      });
      registerRunRoutes(v1, deps);
      registerToolRoutes(v1, deps);
      registerHookRoutes(v1, deps);
    },
    { prefix: '/v1' },
  );
  return app;
}
