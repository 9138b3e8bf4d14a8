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

/**
 * Deletes the oldest events while their `at` is before `before`, at most `limit`, and only ever a
 * prefix of the log: an old event behind a newer one (times come from the provider and need not
 * follow seqs) waits for it, so `prunedBefore` (the smallest retained seq minus one) stays exact
 * and a cursor below it is always told, never silently short of an event in the middle.
 */
export async function pruneEvents(db: Kysely<Database>, before: number, limit: number): Promise<number> {
  const oldest = await db.selectFrom('events').select(['seq', 'at']).orderBy('seq').limit(limit).execute();
  let cut: number | null = null;
  for (const row of oldest) {
    if (Number(row.at) >= before) break;
    cut = Number(row.seq);
  }
  if (cut === null) return 0;
  const result = await db.deleteFrom('events').where('seq', '<=', cut).executeTakeFirst();
  return Number(result.numDeletedRows);
}
