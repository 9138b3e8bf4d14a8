import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { OutboxEntry } from '../store.js';
import { openOutboxStates } from './outbox-writer.js';
import { toOutboxEntry } from './row-mappers.js';

/**
 * The entries the worker may attempt now: per conversation only the oldest open entry (the head),
 * and only when it is due and not leased. A head that waits (backoff, an unconfirmed attempt)
 * holds back its own conversation and nobody else's.
 */
export async function dueOutbox(db: Kysely<Database>, now: number, limit: number): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .selectAll('o')
    .where('o.state', 'in', openOutboxStates)
    .where('o.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('o.lease_until', 'is', null), eb('o.lease_until', '<=', now)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox as p')
            .select('p.message_id')
            .where('p.state', 'in', openOutboxStates)
            .whereRef('p.conversation_id', '=', 'o.conversation_id')
            .whereRef('p.message_id', '<', 'o.message_id'),
        ),
      ),
    )
    .orderBy('o.next_attempt_at')
    .orderBy('o.message_id')
    .limit(limit)
    .execute();
  return rows.map(toOutboxEntry);
}

export async function getOutboxEntry(db: Kysely<Database>, messageId: string): Promise<OutboxEntry | null> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row ? toOutboxEntry(row) : null;
}

/** Open entries (for the queue-depth gauge and tests). */
export async function countOpenOutbox(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('state', 'in', openOutboxStates)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
