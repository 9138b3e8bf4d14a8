import type { MediaRef } from '@switchboard/protocol';
import type { InboundMessage } from '../../domain/inbound-batch.js';
import { newId } from '../../lib/ids.js';
import { refsOf } from './conversation-writer.js';
import { writeJson } from './json-columns.js';
import { toMessage, type MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/** Types that change another message rather than being one in the thread. */
export const effectTypes = new Set(['reaction', 'edit', 'revoke']);

/** Types that are not counted as messages (unread count, last message): effects and system notes. */
export const uncountedTypes = [...effectTypes, 'system'];

export async function findMessageByProviderId(
  ctx: TxContext,
  channelId: string,
  providerMessageId: string,
): Promise<MessageRow | undefined> {
  return ctx.trx
    .selectFrom('messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
}

/** Inserts a new inbound message with its `received` history entry and `message.created` event. */
export async function insertInboundMessage(
  ctx: TxContext,
  input: { channelId: string; conversationId: string; message: InboundMessage; receivedAt: number },
): Promise<MessageRow> {
  const { message: m, channelId } = input;
  let replyTo: string | null = null;
  if (m.context?.providerMessageId) {
    replyTo = (await findMessageByProviderId(ctx, channelId, m.context.providerMessageId))?.id ?? null;
  }
  const media: MediaRef | null = m.media
    ? {
        id: newId('med_'),
        providerMediaId: m.media.providerMediaId,
        mimeType: m.media.mimeType,
        size: null,
        sha256: m.media.sha256,
        filename: m.media.filename,
        status: 'pending',
      }
    : null;
  const row: MessageRow = {
    id: newId('msg_'),
    conversation_id: input.conversationId,
    channel_id: channelId,
    direction: 'inbound',
    type: m.type,
    content: writeJson(m.content),
    provider_message_id: m.providerMessageId,
    status: 'received',
    error: null,
    reply_to: replyTo,
    quoted_provider_message_id: m.context?.providerMessageId ?? null,
    context: writeJson(m.context),
    forwarded: m.forwarded ? 1 : 0,
    frequently_forwarded: m.frequentlyForwarded ? 1 : 0,
    referral: writeJson(m.referral),
    reactions: writeJson([]),
    media: writeJson(media),
    client_message_id: null,
    sent_by: null,
    target_provider_message_id: m.targetProviderMessageId,
    edited_at: null,
    original_content: null,
    revoked_at: null,
    created_at: m.timestamp,
    sent_at: null,
    delivered_at: null,
    read_at: null,
    updated_at: input.receivedAt,
  };
  await ctx.trx.insertInto('messages').values(row).execute();
  await ctx.trx
    .insertInto('message_statuses')
    .values({
      id: newId('st_'),
      channel_id: channelId,
      provider_message_id: m.providerMessageId,
      message_id: row.id,
      status: 'received',
      at: m.timestamp,
      received_at: input.receivedAt,
      error: null,
      pricing: null,
    })
    .onConflict((oc) => oc.columns(['channel_id', 'provider_message_id', 'status']).doNothing())
    .execute();
  await emitMessage(ctx, 'message.created', row, input.receivedAt);
  if (m.providerMessageId) await linkWaitingReplies(ctx, row, input.receivedAt);
  return row;
}

/**
 * Links replies that quoted `target` before it was known under its provider id (they were stored
 * with `reply_to` unset), each with a `message.updated`. Called whenever a message gains its id.
 */
export async function linkWaitingReplies(ctx: TxContext, target: MessageRow, now: number): Promise<void> {
  if (!target.provider_message_id) return;
  const waiting = await ctx.trx
    .selectFrom('messages')
    .selectAll()
    .where('channel_id', '=', target.channel_id)
    .where('quoted_provider_message_id', '=', target.provider_message_id)
    .where('reply_to', 'is', null)
    .where('id', '!=', target.id)
    .execute();
  for (const reply of waiting) {
    await ctx.trx
      .updateTable('messages')
      .set({ reply_to: target.id, updated_at: now })
      .where('id', '=', reply.id)
      .execute();
    await emitMessage(ctx, 'message.updated', { ...reply, reply_to: target.id, updated_at: now }, now);
  }
}

export async function emitMessage(
  ctx: TxContext,
  type: 'message.created' | 'message.updated',
  row: MessageRow,
  now: number,
): Promise<void> {
  const conversation = await ctx.conversationRow(row.conversation_id);
  const refs = conversation ? refsOf(conversation) : [];
  ctx.events.add(type, { id: row.conversation_id, refs }, toMessage(row), now);
}
