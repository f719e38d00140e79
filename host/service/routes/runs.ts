import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createRunBody, EventsHeaders, EventsQuery, RunIdParams } from '../api-schemas.js';
import type { AppDeps } from '../app.js';
import type { ServiceConfig } from '../config.js';
import type { RunRecord } from '../run-record.js';
import { streamEvents } from '../sse.js';
import { HttpError, parseRequest } from '../validation.js';
import type { WebhookTarget } from '../webhook/sender.js';

/** A webhook needs a secret: the request's own, else the service-wide one. */
export function resolveWebhook(
  target: { url: string; secret?: string | undefined } | undefined,
  config: ServiceConfig,
): WebhookTarget | undefined {
  if (!target) return undefined;
  const secret = target.secret ?? config.webhooks.secret;
  if (!secret) {
    throw new HttpError(
      400,
      'invalid_body',
      'invalid request body: webhook.secret: required (at least 16 characters) unless the service config sets webhooks.secret',
    );
  }
  return { url: target.url, secret };
}

export function acceptedRun(record: RunRecord) {
  const self = `/v1/runs/${record.id}`;
  return {
    id: record.id,
    status: record.status,
    links: { self, events: `${self}/events`, cancel: `${self}/cancel` },
  };
}

export function registerRunRoutes(app: FastifyInstance, { runs, config }: AppDeps): void {
  const runBody = createRunBody(config.runs.maxTurns);
  app.post('/runs', async (request, reply) => {
    const { webhook, ...body } = parseRequest(runBody, request.body);
    const record = await runs.create({
      request: body,
      source: { kind: 'api' },
      webhook: resolveWebhook(webhook, config),
    });
    request.log.info({ runId: record.id }, 'run created');
    return reply.code(202).header('location', `/v1/runs/${record.id}`).send(acceptedRun(record));
  });

  const findRun = (request: FastifyRequest): RunRecord => {
    const { id } = parseRequest(RunIdParams, request.params, 'params');
    request.log = request.log.child({ runId: id });
    const record = runs.get(id);
    if (!record) throw new HttpError(404, 'run_not_found', `no run with id ${id}`);
    return record;
  };

  app.get('/runs/:id', async (request) => findRun(request));

  app.get('/runs/:id/events', async (request, reply) => {
    // A resume point that is not an event id is an error, not a silent replay from the start.
    const { after } = parseRequest(EventsQuery, request.query, 'query');
    const { 'last-event-id': lastEventId } = parseRequest(EventsHeaders, request.headers, 'headers');
    const { id } = findRun(request);
    const afterSeq = lastEventId ?? after ?? 0;
    streamEvents(reply, (listener) => runs.subscribe(id, afterSeq, listener) ?? (() => {}));
  });

  app.post('/runs/:id/cancel', async (request, reply) => {
    const record = runs.cancel(findRun(request).id);
    request.log.info({ runId: record.id, status: record.status }, 'run cancel requested');
    return reply.code(record.status === 'cancelled' ? 200 : 202).send(acceptedRun(record));
  });
}
