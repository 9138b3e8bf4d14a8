import {
  messageSchema,
  normalizedOutboundContent,
  sendMessageBodySchema,
  sendBodyMediaId,
  sendToNumberBodySchema,
  type Message,
  type SendMessageBody,
} from '@switchboard/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readableConversation, readableMessage } from '../../auth/scoped-reads.js';
import { scopeAllowsConversation } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { principalOf, scopeOfRequest } from '../../http/auth.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import { idParams } from '../conversations/schema.js';
import { readableMedia } from '../media/readable-media.js';
import type { Store } from '../../store/store.js';
import type { TxBatcher } from '../../store/tx-batcher.js';
import { pickChannel } from './pick-channel.js';
import { checkSendable, type SendTarget } from './send-checks.js';
import { isUniqueViolation } from './unique-violation.js';

export interface SendingDeps {
  store: Store;
  /** Sends queued in the same turn of the event loop share one transaction. */
  batch: TxBatcher;
  registry: ChannelRegistry;
  /** Tells the outbox worker that something was queued. */
  onQueued: () => void;
  /**
   * Whether the channel's provider lists templates, so a template send is checked against the
   * synced definition; a provider without a list (Twilio, custom) checks it itself. Default: yes.
   */
  listsTemplates?: (channelId: string) => boolean;
  /** A new message was queued in a conversation: an answer (read receipts `on-reply`). */
  onReplied?: (message: Message) => void;
}

const sendHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200, 'Idempotency-Key must be at most 200 characters')
    .optional()
    .describe('A key of your choice; a send with a key seen before in the conversation returns that message'),
});
const accepted = z.object({ message: messageSchema });

/**
 * The send API (docs/sending.md): validate, check scope and the window, then store the message,
 * its event and its outbox entry in one transaction and answer 202 with the message `queued`. The
 * outbox worker sends it.
 */
export async function sendingRoutes(app: FastifyInstance, deps: SendingDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  typed.post(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['sending'],
        summary: 'Send a message in a conversation',
        params: idParams,
        headers: sendHeaders,
        body: sendMessageBodySchema,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const conversation = await readableConversation(store, scopeOfRequest(request), request.params.id);
      const { message, created } = await enqueue(deps, request, conversation, request.body);
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send({ message });
    },
  );

  typed.post(
    '/v1/messages',
    {
      schema: {
        tags: ['sending'],
        summary: 'Send a message to a phone number (finds or creates its conversation)',
        headers: sendHeaders,
        body: sendToNumberBodySchema,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const { to, channelId, ref, ...body } = request.body;
      const channel = pickChannel(deps.registry, channelId);
      const scope = scopeOfRequest(request);
      if (!scope.all && (ref === undefined || !scope.refs.includes(ref))) {
        // An agent may only open conversations it will be able to see: under one of its refs.
        throw new AppError('forbidden', 'Agents send to a number only with a ref from their token (ref).');
      }
      // Nothing is written before every check has passed: the conversation (or the ref added to
      // it) comes into being in the send's own transaction.
      const existing = await store.findConversationByPhone(channel, to);
      if (existing && !scopeAllowsConversation(scope, existing)) {
        // An agent may not pull someone else's customer into its scope by adding its ref.
        throw new AppError('not_found', 'No conversation with this number in your scope.');
      }
      const target = existing ?? { id: null, channelId: channel, windowExpiresAt: null };
      const open = { channelId: channel, waId: to, ref: ref ?? null };
      const { message, created } = await enqueue(deps, request, target, body, open);
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send({ message });
    },
  );

  typed.post(
    '/v1/messages/:id/retry',
    {
      schema: {
        tags: ['sending'],
        summary: 'Send a failed message again (when its error is retryable)',
        params: idParams,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const message = await readableMessage(store, scopeOfRequest(request), request.params.id);
      if (message.direction !== 'outbound' || message.status !== 'failed') {
        throw new AppError(
          'conflict',
          `Message ${message.id} is ${message.status}; only failed messages are retried.`,
        );
      }
      if (message.error && !message.error.retryable) {
        throw new AppError(
          'conflict',
          `Message ${message.id} failed with ${message.error.code} (${message.error.title}), which a retry cannot fix; send a corrected message instead.`,
        );
      }
      const requeued = await store.transaction((tx) => tx.requeueFailed(message.id, Date.now()));
      if (!requeued) throw new AppError('conflict', `Message ${message.id} is no longer failed.`);
      deps.onQueued();
      return reply.code(202).send({ message: requeued });
    },
  );
}

async function enqueue(
  deps: SendingDeps,
  request: FastifyRequest,
  conversation: SendTarget,
  body: SendMessageBody,
  /** `POST /v1/messages`: find or create the conversation (and add the ref) in the same transaction. */
  open?: { channelId: string; waId: string; ref: string | null },
): Promise<{ message: Message; created: boolean }> {
  const { store } = deps;
  const now = Date.now();
  const key = (request.headers['idempotency-key'] as string | undefined) ?? null;
  if (key !== null && conversation.id !== null) {
    const existing = await store.findMessageByClientId(conversation.id, key);
    if (existing) return { message: existing, created: false };
  }
  await checkSendable(store, conversation, body, now, deps.listsTemplates?.(conversation.channelId) ?? true);
  const principal = principalOf(request);
  // A send may only carry media its sender could download: uploaded by them or seen in their scope.
  const mediaId = sendBodyMediaId(body);
  const media =
    mediaId === null ? null : await readableMedia(store, principal, scopeOfRequest(request), mediaId);
  try {
    const result = await deps.batch.run(async (tx) =>
      tx.enqueueOutbound({
        conversationId: open ? (await tx.openConversation({ ...open, now })).id : conversation.id!,
        type: body.type,
        content: normalizedOutboundContent(body),
        body,
        clientMessageId: key,
        sentBy: principal.kind === 'agent' ? principal.sub : 'api',
        replyTo: 'replyTo' in body && body.replyTo ? body.replyTo : null,
        media: media && {
          id: media.id,
          providerMediaId: null,
          mimeType: media.mimeType,
          size: media.size,
          sha256: media.sha256,
          filename: media.filename,
          status: 'ready',
        },
        now,
      }),
    );
    if (result.created) {
      deps.onQueued();
      deps.onReplied?.(result.message);
    }
    return result;
  } catch (err) {
    // Two requests with one key raced past the check above; the database let one of them in.
    if (key !== null && isUniqueViolation(err)) {
      const conversationId = open
        ? (await store.findConversationByPhone(open.channelId, open.waId))?.id
        : conversation.id;
      const existing = conversationId ? await store.findMessageByClientId(conversationId, key) : null;
      if (existing) return { message: existing, created: false };
    }
    throw err;
  }
}
