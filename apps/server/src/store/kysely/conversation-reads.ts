import type { Conversation } from '@switchboard/protocol';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ConversationQuery, Page } from '../store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { toConversation } from './row-mappers.js';

const sortKey = sql<number>`coalesce(conversations.last_message_at, conversations.created_at)`;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .selectAll('conversations')
    .select([
      'contacts.id as c_id',
      'contacts.wa_id as c_wa_id',
      'contacts.user_id as c_user_id',
      'contacts.parent_user_id as c_parent_user_id',
      'contacts.username as c_username',
      'contacts.profile_name as c_profile_name',
      'contacts.created_at as c_created_at',
      'contacts.updated_at as c_updated_at',
      sortKey.as('sort_at'),
    ]);
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function fromJoined(row: JoinedRow): Conversation {
  return toConversation(row, {
    id: row.c_id,
    wa_id: row.c_wa_id,
    user_id: row.c_user_id,
    parent_user_id: row.c_parent_user_id,
    username: row.c_username,
    profile_name: row.c_profile_name,
    created_at: row.c_created_at,
    updated_at: row.c_updated_at,
  });
}

export async function getConversation(db: Kysely<Database>, id: string): Promise<Conversation | null> {
  const row = await baseQuery(db).where('conversations.id', '=', id).executeTakeFirst();
  return row ? fromJoined(row) : null;
}

/** The conversation of a channel with the customer at this phone number, if there is one. */
export async function findConversationByPhone(
  db: Kysely<Database>,
  channelId: string,
  waId: string,
): Promise<Conversation | null> {
  const row = await baseQuery(db)
    .where('conversations.channel_id', '=', channelId)
    .where('contacts.wa_id', '=', waId)
    .executeTakeFirst();
  return row ? fromJoined(row) : null;
}

/**
 * Most recent activity first; `q` matches the contact's name, number or username, or a ref;
 * `scope` keeps only the caller's conversations.
 */
export async function listConversations(
  db: Kysely<Database>,
  query: ConversationQuery,
): Promise<Page<Conversation>> {
  let q = baseQuery(db);
  const scope = query.scope;
  if (scope && !scope.all) {
    // In scope: listed by id, or carrying one of the scope's refs now (`or([])` is false).
    q = q.where((eb) =>
      eb.or([
        ...(scope.conversations.length > 0 ? [eb('conversations.id', 'in', scope.conversations)] : []),
        ...(scope.refs.length > 0
          ? [
              eb(
                'conversations.id',
                'in',
                eb.selectFrom('conversation_refs').select('conversation_id').where('ref', 'in', scope.refs),
              ),
            ]
          : []),
      ]),
    );
  }
  if (query.ref !== undefined) {
    const ref = query.ref;
    q = q.where('conversations.id', 'in', (eb) =>
      eb.selectFrom('conversation_refs').select('conversation_id').where('ref', '=', ref),
    );
  }
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like('contacts.profile_name'),
        like('contacts.wa_id'),
        like('contacts.username'),
        eb(
          'conversations.id',
          'in',
          eb
            .selectFrom('conversation_refs')
            .select('conversation_id')
            .where(sql<boolean>`lower(ref) like ${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([eb(sortKey, '<', at), eb.and([eb(sortKey, '=', at), eb('conversations.id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy(sortKey, 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(fromJoined),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.sort_at), last.id]) : null,
  };
}
