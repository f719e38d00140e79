import type { FastifyInstance } from 'fastify';
import { NameParams } from '../api-schemas.js';
import type { AppDeps } from '../app.js';
import { renderTemplate } from '../template.js';
import { HttpError, parseRequest } from '../validation.js';
import { acceptedRun, resolveWebhook } from './runs.js';

/** `POST /v1/hooks/:name`: an inbound trigger (n8n, Zapier, …) becomes a run via the hook's prompt template. */
export function registerHookRoutes(app: FastifyInstance, { runs, config }: AppDeps): void {
  app.post('/hooks/:name', async (request, reply) => {
    const { name } = parseRequest(NameParams, request.params, 'params');
    const hook = Object.hasOwn(config.hooks, name) ? config.hooks[name] : undefined;
    if (!hook) throw new HttpError(404, 'hook_not_found', `no hook named ${name} in the service config`);
    const prompt = renderTemplate(hook.prompt, { body: request.body ?? {}, query: request.query ?? {} });
    const record = await runs.create({
      request: {
        prompt,
        ...(hook.system !== undefined && { system: hook.system }),
        ...(hook.model !== undefined && { model: hook.model }),
        ...(hook.maxTurns !== undefined && { maxTurns: hook.maxTurns }),
        ...(hook.deadlineMs !== undefined && { deadlineMs: hook.deadlineMs }),
      },
      source: { kind: 'hook', hook: name },
      webhook: resolveWebhook(hook.webhook, config),
    });
    request.log.info({ runId: record.id, hook: name }, 'run created by hook');
    return reply.code(202).header('location', `/v1/runs/${record.id}`).send(acceptedRun(record));
  });
}
