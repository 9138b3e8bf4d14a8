import type { FastifyInstance } from 'fastify';
import type { WebhookReceiver } from '../../http/webhook-receiver.js';

/**
 * 360dialog's webhook endpoint: `POST /webhooks/360dialog`, Meta's payload proven by the
 * `X-Switchboard-Webhook-Token` header Switchboard registered (providers/d360/). A real socket
 * reaches the receiver through the front door (http/front-door.ts); `inject` comes here.
 */
export async function d360WebhookRoutes(
  app: FastifyInstance,
  deps: { receiver: WebhookReceiver },
): Promise<void> {
  // The receiver reads the raw bytes itself: no parser consumes them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.post('/webhooks/360dialog', { schema: { hide: true } }, (request, reply) => {
    reply.hijack();
    deps.receiver.handle(request.raw, reply.raw, String(request.id));
  });
}
