import { refreshFailedCount } from './conversation-writer.js';
import { statusAdvances, statusRank, type MessageError, type MessageStatus } from '@switchboard/protocol';
import type { InboundStatus } from '../../domain/inbound-batch.js';
import { newId } from '../../lib/ids.js';
import { readJson, writeJson } from './json-columns.js';
import { emitMessage, findMessageByProviderId } from './message-writer.js';
import { confirmByCallbackData } from './outbox-writer.js';
import { setProviderMessageId } from './outbound-writer.js';
import type { MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/**
 * Records a provider status in the history (once per provider id + status) and moves the message
 * forward if it outranks the current status. A status whose message is not known yet stays in the
 * history with no message id and is applied by `applyPendingStatuses` when the message appears.
 */
export async function recordStatus(
  ctx: TxContext,
  channelId: string,
  status: InboundStatus,
  receivedAt: number,
): Promise<void> {
  if (status.previousProviderMessageId) {
    await adoptNewProviderId(
      ctx,
      channelId,
      status.previousProviderMessageId,
      status.providerMessageId,
      receivedAt,
    );
  }
  const inserted = await ctx.trx
    .insertInto('message_statuses')
    .values({
      id: newId('st_'),
      channel_id: channelId,
      provider_message_id: status.providerMessageId,
      previous_provider_message_id: status.previousProviderMessageId ?? null,
      message_id: null,
      status: status.status,
      at: status.timestamp,
      received_at: receivedAt,
      error: writeJson(status.error),
      pricing: writeJson(status.pricing),
    })
    .onConflict((oc) => oc.columns(['channel_id', 'provider_message_id', 'status']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return; // a repeated delivery: nothing changes
  const message = await findMessageByProviderId(ctx, channelId, status.providerMessageId);
  if (!message && status.bizOpaqueCallbackData?.startsWith('msg_')) {
    // Our own id, echoed back: an attempt we could not confirm reached the provider. Giving the
    // message its provider id applies this status (and any earlier one) as a pending status.
    await confirmByCallbackData(
      ctx,
      channelId,
      status.bizOpaqueCallbackData,
      status.providerMessageId,
      receivedAt,
    );
    return;
  }
  if (!message || message.direction !== 'outbound') return;
  await ctx.trx
    .updateTable('message_statuses')
    .set({ message_id: message.id })
    .where('id', '=', inserted.id)
    .execute();
  await advance(
    ctx,
    message,
    [{ status: status.status, at: status.timestamp, error: status.error }],
    receivedAt,
  );
}

/**
 * A provider that reports a new id for a message it accepted under another (its own id, then
 * WhatsApp's): the message takes the new one, so that later statuses, replies and reactions that
 * name only the new id find it. A repeated delivery finds no message under the old id any more.
 */
async function adoptNewProviderId(
  ctx: TxContext,
  channelId: string,
  previousId: string,
  newProviderId: string,
  now: number,
): Promise<void> {
  const message = await findMessageByProviderId(ctx, channelId, previousId);
  if (!message || message.direction !== 'outbound') return;
  if (await findMessageByProviderId(ctx, channelId, newProviderId)) return; // the id is taken
  await setProviderMessageId(ctx, message.id, newProviderId, now, message);
}

/**
 * The id a message takes from a rename that arrived before the message had its id (the status
 * is kept with the old id, unapplied): the newer id, if no other message holds it.
 */
export async function pendingRename(ctx: TxContext, message: MessageRow): Promise<string | null> {
  if (!message.provider_message_id || message.direction !== 'outbound') return null;
  const renamed = await ctx.trx
    .selectFrom('message_statuses')
    .select('provider_message_id')
    .where('channel_id', '=', message.channel_id)
    .where('previous_provider_message_id', '=', message.provider_message_id)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  if (!renamed || renamed.provider_message_id === message.provider_message_id) return null;
  const taken = await findMessageByProviderId(ctx, message.channel_id, renamed.provider_message_id);
  return taken ? null : renamed.provider_message_id;
}

/** Applies statuses that arrived before their message (the send's response commits after them). */
export async function applyPendingStatuses(
  ctx: TxContext,
  message: MessageRow,
  now: number,
): Promise<MessageRow> {
  if (!message.provider_message_id || message.direction !== 'outbound') return message;
  const pending = await ctx.trx
    .selectFrom('message_statuses')
    .selectAll()
    .where('channel_id', '=', message.channel_id)
    .where('provider_message_id', '=', message.provider_message_id)
    .where('message_id', 'is', null)
    .execute();
  if (pending.length === 0) return message;
  await ctx.trx
    .updateTable('message_statuses')
    .set({ message_id: message.id })
    .where('message_id', 'is', null)
    .where('provider_message_id', '=', message.provider_message_id)
    .where('channel_id', '=', message.channel_id)
    .execute();
  const steps = pending.map((p) => ({
    status: p.status as MessageStatus,
    at: Number(p.at),
    error: readJson<MessageError | null>(p.error, null),
  }));
  return advance(ctx, message, steps, now);
}

interface StatusStep {
  status: MessageStatus;
  at: number;
  error: MessageError | null;
}

const timeColumn: Partial<Record<MessageStatus, 'sent_at' | 'delivered_at' | 'read_at'>> = {
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
};

/**
 * Moves the message to the highest-ranked of its current status and `steps` (one event at most).
 * A step that does not outrank the current status leaves the status alone but may still make a
 * time truer: `read` arriving first implies `delivered` and `sent` at the read time, and when the
 * late `delivered` arrives it tells the real, earlier time.
 */
async function advance(
  ctx: TxContext,
  message: MessageRow,
  steps: StatusStep[],
  now: number,
): Promise<MessageRow> {
  const original = message.status as MessageStatus;
  let best: StatusStep | null = null;
  for (const step of steps) {
    if (statusAdvances(best?.status ?? original, step.status)) best = step;
  }
  const next: MessageRow = { ...message };
  if (best) {
    next.status = best.status;
    if (best.status === 'failed') next.error = writeJson(best.error);
    // A status implies the ones before it (Meta skips `delivered` when the chat is open).
    if (best.status !== 'failed' && statusRank[best.status] >= statusRank.delivered) next.sent_at ??= best.at;
    if (statusRank[best.status] >= statusRank.read) next.delivered_at ??= best.at;
    if (best.status === 'played') next.read_at ??= best.at;
  }
  for (const step of steps) {
    const column = timeColumn[step.status];
    if (!column) continue;
    const current = next[column];
    if (current === null || current > step.at) next[column] = step.at;
  }
  if (best) {
    const column = timeColumn[best.status];
    if (column) next[column] = Math.min(next[column] ?? best.at, best.at);
  }
  const changed =
    next.status !== message.status ||
    next.sent_at !== message.sent_at ||
    next.delivered_at !== message.delivered_at ||
    next.read_at !== message.read_at;
  if (!changed) return message;
  next.updated_at = now;
  await ctx.trx
    .updateTable('messages')
    .set({
      status: next.status,
      error: writeJson(readJson(next.error, null)),
      sent_at: next.sent_at,
      delivered_at: next.delivered_at,
      read_at: next.read_at,
      updated_at: now,
    })
    .where('id', '=', message.id)
    .execute();
  await emitMessage(ctx, 'message.updated', next, now);
  if ((original === 'failed') !== (next.status === 'failed')) {
    await refreshFailedCount(ctx, message.conversation_id, now);
  }
  return next;
}
