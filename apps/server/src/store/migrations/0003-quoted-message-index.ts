import type { Kysely, Migration } from 'kysely';

/**
 * A reply can arrive before the message it quotes is known under its provider id (an inbound
 * reply processed first, or our own send whose wamid is recorded late). The quoted provider id is
 * kept in its own indexed column so that the reply is linked the moment that id appears.
 */
export function quotedMessageIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('messages').addColumn('quoted_provider_message_id', 'text').execute();
      await db.schema
        .createIndex('messages_quoted_idx')
        .on('messages')
        .columns(['channel_id', 'quoted_provider_message_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('messages_quoted_idx').execute();
      await db.schema.alterTable('messages').dropColumn('quoted_provider_message_id').execute();
    },
  };
}
