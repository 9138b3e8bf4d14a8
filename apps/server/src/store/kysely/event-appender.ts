import type { EventType, SwitchboardEvent } from '@switchboard/protocol';
import { PostgresIntrospector, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { iso, writeJson } from './json-columns.js';

interface PendingEvent {
  type: EventType;
  at: number;
  conversationId: string;
  refs: string[];
  data: object;
}

/** The channel other PostgreSQL nodes `LISTEN` on (realtime/postgres-notifier.ts). */
export const eventChannel = 'switchboard_events';

/**
 * PostgreSQL only, in the RETURNING of the head update (no extra round trip while the head row is
 * locked): queues a notification with the transaction's last seq, never the events (payloads are
 * limited to 8000 bytes, and readers take events from the log). PostgreSQL delivers it to every
 * listening session when, and only if, the transaction commits, in commit order.
 */
const notifyNodes = sql<string>`pg_notify(${eventChannel}, seq::text)`.as('notified');

// SQLite allows 32766 bound parameters per statement; 6 per row keeps chunks far below it.
const insertChunk = 500;

/**
 * Collects the events of one transaction and appends them at its end. Seqs are taken from the
 * single `event_head` row just before commit: the row lock (PostgreSQL) or the write lock
 * (SQLite) is held only from there to the commit, and it makes seqs follow commit order.
 */
export class EventAppender {
  private pending: PendingEvent[] = [];

  add(type: EventType, conversation: { id: string; refs: string[] }, data: object, at: number): void {
    this.pending.push({ type, at, conversationId: conversation.id, refs: conversation.refs, data });
  }

  async flush(trx: Transaction<Database>): Promise<SwitchboardEvent[]> {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return [];
    const bump = trx
      .updateTable('event_head')
      .set((eb) => ({ seq: eb('seq', '+', events.length) }))
      .where('id', '=', 1);
    // The introspector is Kysely's public tell of the dialect (the appender is dialect-blind).
    const head = await (
      trx.introspection instanceof PostgresIntrospector
        ? bump.returning(['seq', notifyNodes])
        : bump.returning('seq')
    ).executeTakeFirstOrThrow();
    const first = Number(head.seq) - events.length + 1;
    const rows = events.map((e, i) => ({
      seq: first + i,
      type: e.type,
      at: e.at,
      conversation_id: e.conversationId,
      refs: writeJson(e.refs),
      data: writeJson(e.data),
    }));
    for (let i = 0; i < rows.length; i += insertChunk) {
      await trx
        .insertInto('events')
        .values(rows.slice(i, i + insertChunk))
        .execute();
    }
    return events.map((e, i) => ({
      seq: first + i,
      type: e.type,
      at: iso(e.at),
      conversationId: e.conversationId,
      refs: e.refs,
      data: e.data,
    })) as SwitchboardEvent[];
  }
}
