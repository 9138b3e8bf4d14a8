import { previewText, type ConversationPatch, type MessageType } from '@switchboard/protocol';
import { newId } from '../../lib/ids.js';
import { readJson, writeJson } from './json-columns.js';
import {
  toConversation,
  type ContactRow,
  type ConversationRow,
  type StoredLastMessage,
} from './row-mappers.js';
import type { TxContext } from './tx-context.js';

export const customerServiceWindowMs = 24 * 60 * 60 * 1000;

/** The conversation between a channel and a contact, created (with its event) on first contact. */
export async function findOrCreateConversation(
  ctx: TxContext,
  channelId: string,
  contact: ContactRow,
  now: number,
): Promise<ConversationRow> {
  const existing = await ctx.trx
    .selectFrom('conversations')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('contact_id', '=', contact.id)
    .executeTakeFirst();
  if (existing) {
    ctx.remember(existing, contact);
    return existing;
  }
  const row: ConversationRow = {
    id: newId('conv_'),
    channel_id: channelId,
    contact_id: contact.id,
    refs: writeJson([]),
    assignee: null,
    unread_count: 0,
    last_message_at: null,
    last_inbound_at: null,
    window_expires_at: null,
    last_message: null,
    failed_count: 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.trx.insertInto('conversations').values(row).execute();
  ctx.remember(row, contact);
  const dto = toConversation(row, contact);
  ctx.events.add('conversation.created', dto, dto, now);
  return row;
}

export interface ConversationActivity {
  /** When the message was sent (epoch ms). */
  at: number;
  inbound: boolean;
  /** Whether it counts as unread and moves `lastMessageAt` (not reactions, edits, revokes). */
  countsAsMessage: boolean;
  /** Whether it opens or refreshes the 24-hour window (any customer message but system ones). */
  opensWindow: boolean;
  /** The list's preview of it, when it shows there (messages and reactions; not edits or notices). */
  preview?: StoredLastMessage;
}

/** Types that never become a list's preview: edits and deletions change another message; notices. */
const unpreviewed = new Set(['edit', 'revoke', 'system']);

/** The preview of a stored message row, or undefined for a type a list does not show. */
export function previewOf(row: {
  id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  content: unknown;
  created_at: number;
}): StoredLastMessage | undefined {
  if (unpreviewed.has(row.type)) return undefined;
  const type = row.type as MessageType;
  const text = previewText(type, readJson<Record<string, unknown>>(row.content, {}));
  return { id: row.id, direction: row.direction, type, text, at: row.created_at };
}

/** Moves the conversation's clocks and counters forward for a new message; never backwards. */
export async function recordActivity(
  ctx: TxContext,
  conversationId: string,
  activity: ConversationActivity,
  now: number,
): Promise<void> {
  const row = await ctx.conversationRow(conversationId);
  if (!row) return;
  const next: ConversationRow = { ...row };
  if (activity.countsAsMessage) {
    next.last_message_at = Math.max(row.last_message_at ?? 0, activity.at);
    if (activity.inbound) next.unread_count = row.unread_count + 1;
  }
  if (activity.inbound && activity.opensWindow) {
    next.last_inbound_at = Math.max(row.last_inbound_at ?? 0, activity.at);
    next.window_expires_at = next.last_inbound_at + customerServiceWindowMs;
  }
  // The newest by the message's own time: a late webhook for an older message leaves it alone.
  // WhatsApp's times are whole seconds, ours are milliseconds: within one second, arrival wins.
  const shown = readJson<StoredLastMessage | null>(row.last_message, null);
  const second = (ms: number) => Math.floor(ms / 1000);
  if (activity.preview && (!shown || second(activity.preview.at) >= second(shown.at))) {
    next.last_message = writeJson(activity.preview);
  }
  const changed =
    next.last_message_at !== row.last_message_at ||
    next.unread_count !== row.unread_count ||
    next.last_inbound_at !== row.last_inbound_at ||
    next.last_message !== row.last_message;
  if (!changed) return;
  next.updated_at = now;
  await ctx.trx
    .updateTable('conversations')
    .set({
      last_message_at: next.last_message_at,
      unread_count: next.unread_count,
      last_inbound_at: next.last_inbound_at,
      window_expires_at: next.window_expires_at,
      last_message: writeJson(readJson(next.last_message, null)),
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  await emitConversationUpdated(ctx, next, now);
}

/**
 * Recounts the conversation's failed outbound messages after a message entered or left `failed`
 * (rare, so a count is cheaper than keeping a counter right on every path).
 */
export async function refreshFailedCount(ctx: TxContext, conversationId: string, now: number): Promise<void> {
  const row = await ctx.conversationRow(conversationId);
  if (!row) return;
  const { n } = await ctx.trx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  const count = Number(n);
  if (count === Number(row.failed_count)) return;
  const next: ConversationRow = { ...row, failed_count: count, updated_at: now };
  await ctx.trx
    .updateTable('conversations')
    .set({ failed_count: count, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await emitConversationUpdated(ctx, next, now);
}

/** Applies a PATCH (refs, assignee); refs are also indexed in `conversation_refs` for filtering. */
export async function patchConversation(
  ctx: TxContext,
  id: string,
  patch: ConversationPatch,
  now: number,
): Promise<ConversationRow | null> {
  const row = await ctx.conversationRow(id);
  if (!row) return null;
  const next: ConversationRow = { ...row, updated_at: now };
  if (patch.refs !== undefined) {
    const refs = [...new Set(patch.refs)];
    next.refs = writeJson(refs);
    await ctx.trx.deleteFrom('conversation_refs').where('conversation_id', '=', id).execute();
    if (refs.length > 0) {
      await ctx.trx
        .insertInto('conversation_refs')
        .values(refs.map((ref) => ({ conversation_id: id, ref })))
        .execute();
    }
  }
  if (patch.assignee !== undefined) next.assignee = patch.assignee;
  // Only what the patch names is written: a refs value read back from PostgreSQL is a JS array,
  // which the driver would send as a PostgreSQL array literal, not as JSON.
  await ctx.trx
    .updateTable('conversations')
    .set({
      ...(patch.refs !== undefined && { refs: next.refs }),
      ...(patch.assignee !== undefined && { assignee: next.assignee }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await emitConversationUpdated(ctx, next, now);
  return next;
}

export async function emitConversationUpdated(
  ctx: TxContext,
  row: ConversationRow,
  now: number,
): Promise<void> {
  ctx.remember(row);
  const dto = toConversation(row, await ctx.contactRow(row.contact_id));
  ctx.events.add('conversation.updated', dto, dto, now);
}

export function refsOf(row: ConversationRow): string[] {
  return readJson<string[]>(row.refs, []);
}
