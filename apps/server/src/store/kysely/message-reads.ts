import type { Message, TimelineEntry } from '@switchboard/protocol';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors/app-error.js';
import type { Database } from '../schema.js';
import type { MessageQuery, Page } from '../store.js';
import { toMessage, toTimelineEntry } from './row-mappers.js';

export async function getMessage(db: Kysely<Database>, id: string): Promise<Message | null> {
  const row = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : null;
}

/** The channel's message with this provider id, if any (the id is unique per channel). */
export async function findMessageByProviderId(
  db: Kysely<Database>,
  channelId: string,
  providerMessageId: string,
): Promise<Message | null> {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
  return row ? toMessage(row) : null;
}

/** The message a send with this idempotency key created in the conversation, if any. */
export async function findMessageByClientId(
  db: Kysely<Database>,
  conversationId: string,
  clientMessageId: string,
): Promise<Message | null> {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  return row ? toMessage(row) : null;
}

/**
 * A page of a conversation's messages, always oldest → newest as a chat shows them. Without a
 * cursor: the latest `limit`; `before=<id>`: the `limit` just before that message (nextCursor
 * continues further back); `after=<id>`: the `limit` just after it (nextCursor continues forward).
 * Messages sort by when they were sent (provider timestamp), then by id.
 */
export async function listMessages(
  db: Kysely<Database>,
  conversationId: string,
  query: MessageQuery,
): Promise<Page<Message>> {
  const anchorId = query.after ?? query.before;
  let q = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (anchorId !== undefined) {
    const anchor = await db
      .selectFrom('messages')
      .select(['created_at', 'id'])
      .where('id', '=', anchorId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!anchor) throw new AppError('invalid_cursor', `No message ${anchorId} in this conversation.`);
    const op = query.after !== undefined ? '>' : '<';
    q = q.where((eb) =>
      eb.or([
        eb('created_at', op, anchor.created_at),
        eb.and([eb('created_at', '=', anchor.created_at), eb('id', op, anchor.id)]),
      ]),
    );
  }
  const forward = query.after !== undefined;
  const direction = forward ? 'asc' : 'desc';
  const rows = await q
    .orderBy('created_at', direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (!forward) page.reverse();
  const edge = forward ? page.at(-1) : page[0];
  return { data: page.map(toMessage), nextCursor: more && edge ? edge.id : null };
}

export async function getTimeline(db: Kysely<Database>, messageId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('message_statuses')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('at')
    .orderBy('received_at')
    .execute();
  return rows.map(toTimelineEntry);
}
