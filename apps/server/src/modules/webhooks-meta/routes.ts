import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendError } from '../../http/error-handler.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { WebhookReceiver } from '../../http/webhook-receiver.js';

export interface MetaWebhookDeps {
  registry: ChannelRegistry;
  metrics: Metrics;
  receiver: WebhookReceiver;
}

const verifyQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});

/** Meta's webhook endpoint: the verification handshake, and POSTs for the receiver. */
export async function metaWebhookRoutes(app: FastifyInstance, deps: MetaWebhookDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const provider = 'meta';

  typed.get(
    '/webhooks/meta',
    { schema: { querystring: verifyQuery, hide: true } },
    async (request, reply) => {
      const q = request.query;
      const tokens = deps.registry
        .configs(provider)
        .flatMap((c) => (c.provider === 'meta' ? [c.verifyToken] : []));
      if (
        q['hub.mode'] !== 'subscribe' ||
        !q['hub.verify_token'] ||
        !tokens.includes(q['hub.verify_token'])
      ) {
        deps.metrics.webhooksRejected.inc({ provider, reason: 'verify_token' });
        return sendError(reply, 'verification_failed');
      }
      return reply.type('text/plain').send(q['hub.challenge'] ?? '');
    },
  );

  // The receiver reads the raw bytes itself (the HMAC needs them untouched): no parser consumes them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  // A real socket reaches the receiver through the server's front door (http/front-door.ts) and
  // never gets here; `inject` does, and runs the same code.
  app.post('/webhooks/meta', { schema: { hide: true } }, (request, reply) => {
    reply.hijack();
    deps.receiver.handle(request.raw, reply.raw, String(request.id));
  });
}
