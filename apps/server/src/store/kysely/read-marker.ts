import { emitConversationUpdated } from './conversation-writer.js';
import { emitMessage, uncountedTypes } from './message-writer.js';
import type { MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/**
 * An agent read the conversation: inbound messages up to `upTo` (all when null) move from
 * `received` to `read`, each with an event, and `unreadCount` drops to what is left unread.
 * Returns the newest message marked, whose wamid the provider needs (marking it read there marks
 * every earlier one too), or null when nothing was unread.
 */
export async function markConversationRead(
  ctx: TxContext,
  conversationId: string,
  upTo: string | null,
  now: number,
): Promise<MessageRow | null> {
  const conversation = await ctx.conversationRow(conversationId);
  if (!conversation) return null;
  let limitRow: { created_at: number; id: string } | undefined;
  if (upTo !== null) {
    limitRow = await ctx.trx
      .selectFrom('messages')
      .select(['created_at', 'id'])
      .where('id', '=', upTo)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!limitRow) return null;
  }
  let query = ctx.trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .where('status', '=', 'received');
  if (limitRow) {
    const { created_at: at, id } = limitRow;
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<=', id)])]),
    );
  }
  const unread = await query.orderBy('created_at').orderBy('id').execute();
  if (unread.length > 0) {
    await ctx.trx
      .updateTable('messages')
      .set({ status: 'read', read_at: now, updated_at: now })
      .where(
        'id',
        'in',
        unread.map((row) => row.id),
      )
      .execute();
  }
  for (const row of unread) {
    await emitMessage(ctx, 'message.updated', { ...row, status: 'read', read_at: now, updated_at: now }, now);
  }
  const left = await ctx.trx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .where('status', '=', 'received')
    .where('type', 'not in', uncountedTypes)
    .executeTakeFirstOrThrow();
  const unreadCount = Number(left.n);
  if (unreadCount !== conversation.unread_count) {
    const next = { ...conversation, unread_count: unreadCount, updated_at: now };
    await ctx.trx
      .updateTable('conversations')
      .set({ unread_count: unreadCount, updated_at: now })
      .where('id', '=', conversationId)
      .execute();
    ctx.remember(next);
    await emitConversationUpdated(ctx, next, now);
  }
  return unread.at(-1) ?? null;
}
