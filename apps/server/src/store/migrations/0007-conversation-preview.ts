import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type Dialect } from './column-types.js';

/**
 * What a conversation list shows without reading messages: the newest message's preview
 * (`last_message`, JSON: id, direction, type, text, at) and the number of failed outbound
 * messages not retried (`failed_count`). Existing conversations start without a preview (it
 * appears with their next message) and with a count taken from their messages.
 */
export function conversationPreviewMigration(dialect: Dialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('conversations').addColumn('last_message', types.json).execute();
      await db.schema
        .alterTable('conversations')
        .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update conversations set failed_count = (select count(*) from messages
        where messages.conversation_id = conversations.id and messages.status = 'failed')`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('conversations').dropColumn('failed_count').execute();
      await db.schema.alterTable('conversations').dropColumn('last_message').execute();
    },
  };
}
