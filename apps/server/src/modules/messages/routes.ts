import { messageSchema, timelineEntrySchema } from '@switchboard/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readableConversation, readableMessage } from '../../auth/scoped-reads.js';
import { scopeOfRequest } from '../../http/auth.js';
import type { Store } from '../../store/store.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const pageQuery = z
  .object({
    before: z.string().min(1).max(100).optional(),
    after: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !(q.before && q.after), { message: 'Pass before or after, not both.' });

export async function messageRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  typed.get(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: "A page of a conversation's messages, oldest to newest",
        description:
          'Without a cursor: the latest `limit`. `before=<message id>` pages back, `after=<message id>` forward; pass `nextCursor` as the same parameter to continue.',
        params: idParams,
        querystring: pageQuery,
        response: { 200: z.object({ data: z.array(messageSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      await readableConversation(store, scopeOfRequest(request), request.params.id);
      return store.listMessages(request.params.id, request.query);
    },
  );

  typed.get(
    '/v1/messages/:id',
    { schema: { tags: ['messages'], params: idParams, response: { 200: messageSchema } } },
    async (request) => readableMessage(store, scopeOfRequest(request), request.params.id),
  );

  typed.get(
    '/v1/messages/:id/timeline',
    {
      schema: {
        tags: ['messages'],
        summary: 'Every status the message went through, with its time',
        params: idParams,
        response: { 200: z.object({ messageId: z.string(), data: z.array(timelineEntrySchema) }) },
      },
    },
    async (request) => {
      await readableMessage(store, scopeOfRequest(request), request.params.id);
      return { messageId: request.params.id, data: await store.getTimeline(request.params.id) };
    },
  );
}
