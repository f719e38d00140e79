import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.js';

/** Liveness, readiness and Prometheus metrics: no auth, so probes and scrapers need no token. */
export function registerOpsRoutes(app: FastifyInstance, { host, metrics, isShuttingDown }: AppDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const ready = host.isReady() && !isShuttingDown();
    const reason = isShuttingDown() ? 'shutting down' : ready ? undefined : 'MCP servers not all connected';
    return reply.code(ready ? 200 : 503).send({ ready, ...(reason && { reason }) });
  });

  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
