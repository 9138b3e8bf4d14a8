import type { Kysely, Migration } from 'kysely';

/**
 * The media download worker reads pending jobs in due order, then message id order, as the inbox
 * worker does (0002): this index serves that read without a sort, and replaces the
 * (state, next_attempt_at) index it extends.
 */
export function mediaDueOrderMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('media_downloads_due_order_idx')
        .on('media_downloads')
        .columns(['state', 'next_attempt_at', 'message_id'])
        .execute();
      await db.schema.dropIndex('media_downloads_due_idx').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .createIndex('media_downloads_due_idx')
        .on('media_downloads')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema.dropIndex('media_downloads_due_order_idx').execute();
    },
  };
}
