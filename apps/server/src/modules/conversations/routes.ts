import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors/app-error.js';
import type { Store } from '../../store/store.js';
import {
  conversationPage,
  conversationPatchSchema,
  conversationSchema,
  idParams,
  listQuery,
} from './schema.js';

export async function conversationRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  typed.get(
    '/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'List conversations, most recent activity first',
        description:
          '`ref` filters by an external reference (case id); `q` searches name, number, username and refs.',
        querystring: listQuery,
        response: { 200: conversationPage },
      },
    },
    async (request) => store.listConversations(request.query),
  );

  typed.get(
    '/v1/conversations/:id',
    { schema: { tags: ['conversations'], params: idParams, response: { 200: conversationSchema } } },
    async (request) => {
      const conversation = await store.getConversation(request.params.id);
      if (!conversation) throw new AppError('not_found', `No conversation ${request.params.id}.`);
      return conversation;
    },
  );

  typed.patch(
    '/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Set refs (case ids) and/or the assignee',
        params: idParams,
        body: conversationPatchSchema,
        response: { 200: conversationSchema },
      },
    },
    async (request) => {
      const updated = await store.transaction((tx) =>
        tx.updateConversation(request.params.id, request.body, Date.now()),
      );
      if (!updated) throw new AppError('not_found', `No conversation ${request.params.id}.`);
      return updated;
    },
  );
}
