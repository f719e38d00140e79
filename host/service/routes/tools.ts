import type { FastifyInstance } from 'fastify';
import { NameParams, ToolCallBody } from '../api-schemas.js';
import type { AppDeps } from '../app.js';
import { HttpError, parseRequest } from '../validation.js';

/**
 * `POST /v1/tools/:name/call`: one call through the full resilience path (timeouts, retries, breaker,
 * fallbacks). A failed tool is still a 200: `isError` and `record.outcome` say what happened.
 */
export function registerToolRoutes(app: FastifyInstance, { host }: AppDeps): void {
  app.get('/tools', async () => ({ tools: host.anthropicTools() }));

  app.post('/tools/:name/call', async (request, reply) => {
    const { name } = parseRequest(NameParams, request.params, 'params');
    if (!host.catalog.get(name)) {
      const names = host.anthropicTools().map((t) => t.name);
      throw new HttpError(404, 'tool_not_found', `no tool named ${name}; tools: ${names.join(', ')}`);
    }
    const body = parseRequest(ToolCallBody, request.body ?? {});
    // The caller hanging up cancels the call (and its upstream request).
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
    });
    const { toolResult, record } = await host.callTool(name, body.arguments, { signal: abort.signal });
    request.log
      .child({ toolUseId: record.toolUseId })
      .info({ tool: name, outcome: record.outcome }, 'tool called');
    return { isError: toolResult.is_error === true, content: toolResult.content, record };
  });
}
