import { statusAdvances, type MessageError, type MessageStatus } from '@switchboard/protocol';
import { newId } from '../../lib/ids.js';
import type { NewOutboxMessage, OutboxEntry } from '../store.js';
import { writeJson } from './json-columns.js';
import { refreshFailedCount } from './conversation-writer.js';
import { emitMessage } from './message-writer.js';
import { createOutboundMessage, setProviderMessageId } from './outbound-writer.js';
import { toOutboxEntry, type MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/** States in which an entry still holds its conversation's place in line. */
export const openOutboxStates = ['queued', 'sending', 'unconfirmed'] as const;

/**
 * Creates the message (status `queued`), its event and its outbox entry in the caller's
 * transaction; with an idempotency key already used in the conversation, returns that message and
 * creates nothing.
 */
export async function enqueueOutbound(
  ctx: TxContext,
  input: NewOutboxMessage,
): Promise<{ message: MessageRow; created: boolean }> {
  if (input.clientMessageId !== null) {
    const existing = await ctx.trx
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', input.conversationId)
      .where('client_message_id', '=', input.clientMessageId)
      .executeTakeFirst();
    if (existing) return { message: existing, created: false };
  }
  // Quoted message and media go in with the row, so the message.created event shows them.
  const message = await createOutboundMessage(ctx, { ...input, providerMessageId: null, status: 'queued' });
  await ctx.trx
    .insertInto('outbox')
    .values({
      message_id: message.id,
      conversation_id: message.conversation_id,
      channel_id: message.channel_id,
      body: writeJson(input.body),
      state: 'queued',
      attempts: 0,
      next_attempt_at: input.now,
      lease_until: null,
      last_error: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  await recordLocalStatus(ctx, message, 'queued', null, input.now);
  return { message, created: true };
}

/** Takes an entry for one attempt: nobody else sends it until `leaseUntil`. */
export async function leaseOutbox(
  ctx: TxContext,
  messageId: string,
  leaseUntil: number,
  now: number,
): Promise<OutboxEntry | null> {
  const row = await ctx.trx
    .updateTable('outbox')
    .set((eb) => ({
      state: 'sending',
      lease_until: leaseUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('message_id', '=', messageId)
    .where('state', 'in', openOutboxStates)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  await moveStatus(ctx, messageId, 'sending', null, now);
  return toOutboxEntry(row);
}

/** The provider accepted the send: the entry is done and the message has its provider id. */
export async function outboxAccepted(
  ctx: TxContext,
  messageId: string,
  providerMessageId: string,
  now: number,
): Promise<void> {
  await closeEntry(ctx, messageId, 'done', null, now);
  // Read once and handed on: each step returns the row as it left it.
  let row = await messageRow(ctx, messageId);
  if (!row) return;
  if (row.provider_message_id === null) {
    row = await setProviderMessageId(ctx, messageId, providerMessageId, now, row);
  }
  await moveStatus(ctx, messageId, 'accepted', null, now, row);
}

/** The send failed for good (or the caller gave up retrying): the message shows the error. */
export async function outboxFailed(
  ctx: TxContext,
  messageId: string,
  error: MessageError,
  now: number,
): Promise<void> {
  // A status webhook may have confirmed the attempt meanwhile: then the message is not failed.
  if (!(await closeEntry(ctx, messageId, 'failed', JSON.stringify(error), now))) return;
  await moveStatus(ctx, messageId, 'failed', error, now);
}

/**
 * The entry goes back in line at `at`: after a retryable error (`queued`), or after an ambiguous
 * attempt (`unconfirmed`), when a status webhook may still tell whether it left.
 */
export async function outboxLater(
  ctx: TxContext,
  messageId: string,
  state: 'queued' | 'unconfirmed',
  at: number,
  error: string | null,
  now: number,
  options: { refundAttempt?: boolean } = {},
): Promise<void> {
  await ctx.trx
    .updateTable('outbox')
    .set((eb) => ({
      state,
      next_attempt_at: at,
      lease_until: null,
      last_error: error,
      updated_at: now,
      ...(options.refundAttempt && { attempts: eb('attempts', '-', 1) }),
    }))
    .where('message_id', '=', messageId)
    .where('state', 'in', openOutboxStates)
    .execute();
}

/**
 * A status webhook that names one of our messages in `biz_opaque_callback_data` while we do not
 * know its provider id: the attempt we could not confirm did reach the provider. Returns whether
 * the message was ours and got its id.
 */
export async function confirmByCallbackData(
  ctx: TxContext,
  channelId: string,
  messageId: string,
  providerMessageId: string,
  now: number,
): Promise<boolean> {
  const message = await messageRow(ctx, messageId);
  if (!message || message.channel_id !== channelId || message.direction !== 'outbound') return false;
  if (message.provider_message_id !== null) return false;
  await closeEntry(ctx, messageId, 'done', null, now);
  const row = await setProviderMessageId(ctx, messageId, providerMessageId, now, message);
  await moveStatus(ctx, messageId, 'accepted', null, now, row);
  return true;
}

/**
 * Puts a failed message back in line (`POST /v1/messages/:id/retry`): the one transition that goes
 * backwards, because a person asked for it.
 */
export async function requeueFailed(
  ctx: TxContext,
  messageId: string,
  now: number,
): Promise<MessageRow | null> {
  const entry = await ctx.trx
    .updateTable('outbox')
    .set({
      state: 'queued',
      next_attempt_at: now,
      lease_until: null,
      attempts: 0,
      last_error: null,
      updated_at: now,
    })
    .where('message_id', '=', messageId)
    .where('state', '=', 'failed')
    .returning('message_id')
    .executeTakeFirst();
  if (!entry) return null;
  await ctx.trx
    .updateTable('messages')
    .set({ status: 'queued', error: null, updated_at: now })
    .where('id', '=', messageId)
    .execute();
  const row = (await messageRow(ctx, messageId))!;
  await emitMessage(ctx, 'message.updated', row, now);
  await refreshFailedCount(ctx, row.conversation_id, now);
  return row;
}

/** Closes an open entry; false when it was already closed (done or failed). */
async function closeEntry(
  ctx: TxContext,
  messageId: string,
  state: 'done' | 'failed',
  error: string | null,
  now: number,
): Promise<boolean> {
  const closed = await ctx.trx
    .updateTable('outbox')
    .set({ state, lease_until: null, last_error: error, updated_at: now })
    .where('message_id', '=', messageId)
    .where('state', 'in', openOutboxStates)
    .returning('message_id')
    .executeTakeFirst();
  return closed !== undefined;
}

async function messageRow(ctx: TxContext, id: string): Promise<MessageRow | null> {
  return (await ctx.trx.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * Moves our own part of the status line (queued → sending → accepted, or failed) forward only.
 * `current` is the row as this transaction last left it, when the caller has it (null: none).
 */
async function moveStatus(
  ctx: TxContext,
  messageId: string,
  status: MessageStatus,
  error: MessageError | null,
  now: number,
  current?: MessageRow | null,
): Promise<void> {
  const row = current === undefined ? await messageRow(ctx, messageId) : current;
  if (!row || !statusAdvances(row.status as MessageStatus, status)) return;
  const next: MessageRow = { ...row, status, error: writeJson(error), updated_at: now };
  await ctx.trx
    .updateTable('messages')
    .set({ status, error: writeJson(error), updated_at: now })
    .where('id', '=', messageId)
    .execute();
  await recordLocalStatus(ctx, next, status, error, now);
  await emitMessage(ctx, 'message.updated', next, now);
  if (status === 'failed') await refreshFailedCount(ctx, row.conversation_id, now);
}

/**
 * Our own statuses join the provider's in the timeline. They have no provider id, so they are
 * keyed by ours under a prefix no provider uses; each is recorded once per message.
 */
async function recordLocalStatus(
  ctx: TxContext,
  message: MessageRow,
  status: MessageStatus,
  error: MessageError | null,
  now: number,
): Promise<void> {
  await ctx.trx
    .insertInto('message_statuses')
    .values({
      id: newId('st_'),
      channel_id: message.channel_id,
      provider_message_id: `switchboard:${message.id}`,
      message_id: message.id,
      status,
      at: now,
      received_at: now,
      error: writeJson(error),
      pricing: writeJson(null),
    })
    .onConflict((oc) => oc.columns(['channel_id', 'provider_message_id', 'status']).doNothing())
    .execute();
}
