import type { SwitchboardEvent } from '@switchboard/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { EventQuery } from '../store.js';
import { toEvent } from './row-mappers.js';

export async function readEvents(db: Kysely<Database>, query: EventQuery): Promise<SwitchboardEvent[]> {
  let q = db.selectFrom('events').selectAll().where('seq', '>', query.after);
  if (query.conversationId !== undefined) q = q.where('conversation_id', '=', query.conversationId);
  if (query.ref !== undefined) {
    const ref = query.ref;
    q = q.where('conversation_id', 'in', (eb) =>
      eb.selectFrom('conversation_refs').select('conversation_id').where('ref', '=', ref),
    );
  }
  const rows = await q.orderBy('seq').limit(query.limit).execute();
  return rows.map(toEvent);
}

export async function headSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('event_head').select('seq').where('id', '=', 1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function prunedBefore(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.min('seq').as('first'))
    .executeTakeFirst();
  if (row?.first === null || row?.first === undefined) return headSeq(db);
  return Number(row.first) - 1;
}
