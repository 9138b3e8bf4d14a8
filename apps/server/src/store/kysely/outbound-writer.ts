import { AppError } from '../../errors/app-error.js';
import { newId } from '../../lib/ids.js';
import type { NewOutboundMessage } from '../store.js';
import { previewOf, recordActivity } from './conversation-writer.js';
import { writeJson } from './json-columns.js';
import { applyEffectsTo } from './message-effects.js';
import { emitMessage, linkWaitingReplies } from './message-writer.js';
import type { MessageRow } from './row-mappers.js';
import { applyPendingStatuses, pendingRename } from './status-writer.js';
import type { TxContext } from './tx-context.js';

/**
 * Creates an outbound message with its history entry and event. When it already has its provider
 * id, whatever arrived for that id first is applied: statuses, reactions/edits, quoting replies.
 */
export async function createOutboundMessage(ctx: TxContext, input: NewOutboundMessage): Promise<MessageRow> {
  const conversation = await ctx.conversationRow(input.conversationId);
  if (!conversation) throw new AppError('not_found', `No conversation ${input.conversationId}.`);
  const row: MessageRow = {
    id: newId('msg_'),
    conversation_id: conversation.id,
    channel_id: conversation.channel_id,
    direction: 'outbound',
    type: input.type,
    content: writeJson(input.content),
    provider_message_id: input.providerMessageId,
    status: input.status,
    error: null,
    reply_to: input.replyTo ?? null,
    quoted_provider_message_id: null,
    context: null,
    forwarded: 0,
    frequently_forwarded: 0,
    referral: null,
    reactions: writeJson([]),
    media: input.media ? writeJson(input.media) : null,
    client_message_id: input.clientMessageId,
    sent_by: input.sentBy,
    target_provider_message_id: null,
    edited_at: null,
    original_content: null,
    revoked_at: null,
    created_at: input.now,
    sent_at: null,
    delivered_at: null,
    read_at: null,
    updated_at: input.now,
  };
  await ctx.trx.insertInto('messages').values(row).execute();
  await emitMessage(ctx, 'message.created', row, input.now);
  await recordActivity(
    ctx,
    conversation.id,
    { at: input.now, inbound: false, countsAsMessage: true, opensWindow: false, preview: previewOf(row) },
    input.now,
  );
  return applyEarlyArrivals(ctx, row, input.now);
}

// Statuses, effects (reactions, edits, revokes) and replies can all beat the provider id.
async function applyEarlyArrivals(ctx: TxContext, row: MessageRow, now: number): Promise<MessageRow> {
  if (!row.provider_message_id) return row;
  const withStatuses = await applyPendingStatuses(ctx, row, now);
  const withEffects = await applyEffectsTo(ctx, withStatuses, now);
  await linkWaitingReplies(ctx, withEffects, now);
  // A rename that came before this id: the message takes the newer id, and what waits for that.
  const renamed = await pendingRename(ctx, withEffects);
  if (renamed) return (await setProviderMessageId(ctx, row.id, renamed, now, withEffects)) ?? withEffects;
  return withEffects;
}

/**
 * Gives a message its provider id and applies what arrived for that id before it. Returns the row as
 * it now is. `current` is the row as read in this transaction, when the caller has it already.
 */
export async function setProviderMessageId(
  ctx: TxContext,
  messageId: string,
  providerMessageId: string,
  now: number,
  current?: MessageRow,
): Promise<MessageRow | null> {
  const row =
    current ??
    (await ctx.trx.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst());
  if (!row) return null;
  const next: MessageRow = { ...row, provider_message_id: providerMessageId, updated_at: now };
  await ctx.trx
    .updateTable('messages')
    .set({ provider_message_id: providerMessageId, updated_at: now })
    .where('id', '=', messageId)
    .execute();
  const applied = await applyEarlyArrivals(ctx, next, now);
  // The new provider id is itself a change clients may need (e.g. to match later webhooks).
  if (applied === next) await emitMessage(ctx, 'message.updated', next, now);
  return applied;
}
