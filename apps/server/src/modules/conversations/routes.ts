import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noConversation, readableConversation } from '../../auth/scoped-reads.js';
import { AppError } from '../../errors/app-error.js';
import { principalOf, scopeOfRequest } from '../../http/auth.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import type { Store } from '../../store/store.js';
import { pickChannel } from '../sending/pick-channel.js';
import { openConversation } from './open-conversation.js';
import {
  conversationPage,
  conversationPatchSchema,
  conversationSchema,
  idParams,
  listQuery,
  openConversationBodySchema,
  openConversationResponseSchema,
} from './schema.js';

export async function conversationRoutes(
  app: FastifyInstance,
  deps: { store: Store; registry: ChannelRegistry },
): Promise<void> {
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
    async (request) => store.listConversations({ ...request.query, scope: scopeOfRequest(request) }),
  );

  typed.post(
    '/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Find or create the conversation with a phone number, and add a ref',
        description:
          '`201` when the conversation was created, `200` when it existed (`ref` is added to its refs either way). An agent token must name one of its own refs, and cannot reach a customer already outside its scope (404).',
        body: openConversationBodySchema,
        response: { 200: openConversationResponseSchema, 201: openConversationResponseSchema },
      },
    },
    async (request, reply) => {
      const channelId = pickChannel(deps.registry, request.body.channelId);
      const { conversation, created } = await openConversation(store, scopeOfRequest(request), {
        channelId,
        waId: request.body.phone,
        ref: request.body.ref ?? null,
      });
      return reply.code(created ? 201 : 200).send({ conversation });
    },
  );

  typed.get(
    '/v1/conversations/:id',
    { schema: { tags: ['conversations'], params: idParams, response: { 200: conversationSchema } } },
    async (request) => readableConversation(store, scopeOfRequest(request), request.params.id),
  );

  typed.patch(
    '/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Set refs (case ids) and/or the assignee',
        description:
          'Refs decide which agents see a conversation, so only the API key may change them (an agent token gets 403). An agent token may set the assignee of a conversation in its scope.',
        params: idParams,
        body: conversationPatchSchema,
        response: { 200: conversationSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'agent') {
        // Answered before any lookup, so it says nothing about whether the id exists.
        if (request.body.refs !== undefined) {
          throw new AppError('forbidden', 'Only the app backend (API key) may change refs.');
        }
        await readableConversation(store, principal.scope, request.params.id);
      }
      const updated = await store.transaction((tx) =>
        tx.updateConversation(request.params.id, request.body, Date.now()),
      );
      if (!updated) throw noConversation(request.params.id);
      return updated;
    },
  );
}
