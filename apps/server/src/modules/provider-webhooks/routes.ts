import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store, StoredWebhook } from '../../store/store.js';

const storedWebhookSchema = z.object({
  id: z.string(),
  provider: z.string(),
  receivedAt: z.string(),
  status: z.enum(['pending', 'processed', 'unroutable']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  notes: z.record(z.string(), z.unknown()).nullable(),
  processedAt: z.string().nullable(),
  size: z.number(),
});

const toDto = (w: StoredWebhook) => ({
  id: w.id,
  provider: w.provider,
  receivedAt: new Date(w.receivedAt).toISOString(),
  status: w.status,
  attempts: w.attempts,
  lastError: w.lastError,
  notes: w.notes as Record<string, unknown> | null,
  processedAt: w.processedAt === null ? null : new Date(w.processedAt).toISOString(),
  size: w.body.length,
});

/**
 * The raw webhook inbox, for operators: what is waiting, what could not be routed, and why. It
 * spans every conversation, so agent tokens get 403 whatever their scope (API key only).
 */
export async function providerWebhookRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/v1/provider-webhooks',
    {
      config: { apiKeyOnly: true },
      schema: {
        tags: ['operations'],
        summary: 'Stored provider webhooks, newest first',
        description: '`status=unroutable` lists webhooks for business numbers no channel is configured for.',
        querystring: z.object({
          status: z.enum(['pending', 'processed', 'unroutable']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            data: z.array(storedWebhookSchema),
            counts: z.object({ pending: z.number(), unroutable: z.number() }),
          }),
        },
      },
    },
    async (request) => {
      const [rows, pending, unroutable] = await Promise.all([
        deps.store.listWebhooks(request.query),
        deps.store.countWebhooks('pending'),
        deps.store.countWebhooks('unroutable'),
      ]);
      return { data: rows.map(toDto), counts: { pending, unroutable } };
    },
  );
}
