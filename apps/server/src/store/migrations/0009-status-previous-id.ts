import type { Kysely, Migration } from 'kysely';

/**
 * A status may rename a message (a provider's own id, then WhatsApp's: `previousProviderMessageId`).
 * When that status is applied before the send's answer gave the message its first id, the rename
 * must wait for it: the old id is kept with the status, indexed, and looked up when a message
 * takes an id (docs/custom-providers.md, ids that change).
 */
export function statusPreviousIdMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('message_statuses')
        .addColumn('previous_provider_message_id', 'text')
        .execute();
      await db.schema
        .createIndex('message_statuses_previous_idx')
        .on('message_statuses')
        .columns(['channel_id', 'previous_provider_message_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('message_statuses_previous_idx').execute();
      await db.schema.alterTable('message_statuses').dropColumn('previous_provider_message_id').execute();
    },
  };
}
