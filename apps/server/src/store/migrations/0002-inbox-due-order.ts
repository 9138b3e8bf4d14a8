import type { Kysely, Migration } from 'kysely';

/**
 * The inbox worker reads pending webhooks in due order, then id order. With processing decoupled
 * from acknowledgement a backlog can hold many thousands of rows; this index serves that read
 * without a sort, and replaces the (status, next_attempt_at) index it extends.
 */
export function inboxDueOrderMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('webhook_inbox_due_order_idx')
        .on('webhook_inbox')
        .columns(['status', 'next_attempt_at', 'id'])
        .execute();
      await db.schema.dropIndex('webhook_inbox_due_idx').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .createIndex('webhook_inbox_due_idx')
        .on('webhook_inbox')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema.dropIndex('webhook_inbox_due_order_idx').execute();
    },
  };
}
