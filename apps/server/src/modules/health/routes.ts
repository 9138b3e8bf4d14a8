import type { FastifyInstance } from 'fastify';
import { sendError } from '../../http/error-handler.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { Store } from '../../store/store.js';

export async function healthRoutes(
  app: FastifyInstance,
  deps: { store: Store; metrics: Metrics },
): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await deps.store.ping();
      return { status: 'ready' };
    } catch (err) {
      request.log.warn({ err }, 'store not reachable');
      return sendError(reply, 'not_ready', 'The database does not answer.');
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
