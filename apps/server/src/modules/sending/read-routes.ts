import { conversationSchema } from '@switchboard/protocol';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readableConversation } from '../../auth/scoped-reads.js';
import { AppError } from '../../errors/app-error.js';
import { scopeOfRequest } from '../../http/auth.js';
import { idParams } from '../conversations/schema.js';
import { messageInConversation } from './send-checks.js';
import { newestInboundProviderId } from './newest-inbound.js';
import type { ChannelProviders } from '../../providers/channel-providers.js';
import type { ReadReceiptNotifier } from './read-receipt-notifier.js';
import type { Store } from '../../store/store.js';

export interface ReadRoutesDeps {
  store: Store;
  providers: ChannelProviders;
  log: FastifyBaseLogger;
  receipts: ReadReceiptNotifier;
}

/**
 * Read receipts and the typing indicator. Reading is stored first (the agent's unread count is
 * ours to keep right) and then, if the read-receipt policy says so (`SWITCHBOARD_READ_RECEIPTS`),
 * told to the provider; a provider that cannot be reached does not undo the local read, and the
 * answer says whether the customer will see blue ticks.
 */
export async function readRoutes(app: FastifyInstance, deps: ReadRoutesDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store, providers, log } = deps;

  typed.post(
    '/v1/conversations/:id/read',
    {
      schema: {
        tags: ['sending'],
        summary: 'Mark inbound messages read (locally and at the provider) and reset unreadCount',
        params: idParams,
        body: z
          .object({
            upTo: z.string().min(1).max(100).optional().describe('The last message to mark; default all'),
          })
          .strict()
          .optional(),
        response: { 200: z.object({ conversation: conversationSchema, providerNotified: z.boolean() }) },
      },
    },
    async (request) => {
      const conversation = await readableConversation(store, scopeOfRequest(request), request.params.id);
      const upTo = request.body?.upTo ?? null;
      if (upTo !== null) await messageInConversation(store, conversation, upTo, 'upTo');
      const newest = await store.transaction((tx) =>
        tx.markConversationRead(conversation.id, upTo, Date.now()),
      );
      const providerNotified = await deps.receipts.read(conversation, newest?.providerMessageId ?? null);
      return { conversation: (await store.getConversation(conversation.id))!, providerNotified };
    },
  );

  typed.post(
    '/v1/conversations/:id/typing',
    {
      schema: {
        tags: ['sending'],
        summary: "Show the typing indicator to the customer (about 25 s, or until the agent's reply)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const conversation = await readableConversation(store, scopeOfRequest(request), request.params.id);
      // WhatsApp shows typing in answer to a customer's message, which it also marks read.
      const newest = await newestInboundProviderId(store, conversation.id);
      if (newest === null) {
        throw new AppError(
          'conflict',
          'The customer has not written yet; typing is shown in answer to a message.',
        );
      }
      const client = providers.get(conversation.channelId);
      if (!client) throw new AppError('conflict', 'This conversation\u2019s channel cannot send.');
      try {
        await client.sendTyping(newest);
      } catch (err) {
        log.warn({ err, conversationId: conversation.id }, 'the typing indicator failed at the provider');
        throw new AppError(
          'provider_unavailable',
          'WhatsApp did not accept the typing indicator; try again.',
        );
      }
      return reply.code(204).send(null);
    },
  );
}
