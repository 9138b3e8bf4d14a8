import type { FastifyInstance } from 'fastify';
import type { WebhookReceiver } from '../../http/webhook-receiver.js';

/**
 * A provider's `POST /webhooks/<provider>` for `inject` (360dialog: Meta's payload proven by
 * `X-Switchboard-Webhook-Token`; Twilio: forms proven by `X-Twilio-Signature`). A real socket
 * reaches the receiver through the front door (http/front-door.ts) and never gets here; both run
 * the same code.
 */
export async function receiverRoutes(
  app: FastifyInstance,
  deps: { path: string; receiver: WebhookReceiver },
): Promise<void> {
  // The receiver reads the raw bytes itself: no parser consumes them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.post(deps.path, { schema: { hide: true } }, (request, reply) => {
    reply.hijack();
    deps.receiver.handle(request.raw, reply.raw, String(request.id));
  });
}
