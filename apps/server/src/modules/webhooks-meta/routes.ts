import { verifyMetaSignature } from '@switchboard/whatsapp';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendError } from '../../http/error-handler.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import type { WebhookIngest } from '../../ingest/webhook-ingest.js';
import type { Metrics } from '../../metrics/metrics.js';

export interface MetaWebhookDeps {
  registry: ChannelRegistry;
  ingest: WebhookIngest;
  metrics: Metrics;
  bodyLimit: number;
}

const verifyQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});

/**
 * Meta's webhook endpoint. The signature is checked on the raw bytes before anything is parsed
 * (Meta signs its own `\uXXXX`-escaped serialization; re-serializing would break the HMAC), the
 * body is stored durably, and only then is 200 sent. See docs/webhooks.md.
 */
export async function metaWebhookRoutes(app: FastifyInstance, deps: MetaWebhookDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const provider = 'meta';

  typed.get(
    '/webhooks/meta',
    { schema: { querystring: verifyQuery, hide: true } },
    async (request, reply) => {
      const q = request.query;
      const tokens = deps.registry.configs(provider).map((c) => c.verifyToken);
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

  // Every content type is read as raw bytes in this plugin only: the HMAC needs them untouched.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) => {
    done(null, body);
  });

  app.addHook('onError', async (_request, _reply, error) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      deps.metrics.webhooksRejected.inc({ provider, reason: 'too_large' });
  });

  app.post(
    '/webhooks/meta',
    { bodyLimit: deps.bodyLimit, schema: { hide: true } },
    async (request, reply) => {
      const receivedAt = Date.now();
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const secrets = deps.registry.configs(provider).map((c) => c.appSecret);
      const signature = request.headers['x-hub-signature-256'];
      if (!verifyMetaSignature(body, typeof signature === 'string' ? signature : undefined, secrets)) {
        deps.metrics.webhooksRejected.inc({ provider, reason: 'signature' });
        return sendError(reply, 'invalid_signature');
      }
      try {
        // Only checked here; the inbox worker parses and normalizes the stored bytes.
        JSON.parse(body.toString('utf8'));
      } catch (err) {
        deps.metrics.webhooksRejected.inc({ provider, reason: 'invalid_json' });
        return sendError(reply, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`);
      }
      await deps.ingest.accept({ provider, body, receivedAt });
      return reply.code(200).type('application/json').send('{"received":true}');
    },
  );
}
