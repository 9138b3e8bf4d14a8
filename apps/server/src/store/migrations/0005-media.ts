import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type Dialect } from './column-types.js';

/**
 * Media (docs/media.md): the files we hold (uploads and downloaded inbound media), the conversations
 * a file belongs to (who may read it), the provider's id of each upload per channel (reused while
 * valid), and one download job per inbound media message, so that a crash loses no download.
 */
export function mediaMigration(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', t.time, (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('filename', 'text')
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('media_conversations')
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('media_conversations_pkey', ['media_id', 'conversation_id'])
        .execute();
      await db.schema
        .createTable('media_provider_uploads')
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('provider_media_id', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('media_provider_uploads_pkey', ['media_id', 'channel_id'])
        .execute();
      await db.schema
        .createTable('media_downloads')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('provider_media_id', 'text', (c) => c.notNull())
        .addColumn('expected_sha256', 'text')
        .addColumn('mime_type', 'text')
        .addColumn('filename', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.time, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('received_at', t.time, (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('media_downloads_due_idx')
        .on('media_downloads')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('media_downloads_media_idx')
        .on('media_downloads')
        .column('media_id')
        .execute();
      // Discovery of new inbound media reads only inbound messages that carry media, newest first.
      await sql`create index messages_inbound_media_idx on messages (created_at) where media is not null and direction = 'inbound'`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('messages_inbound_media_idx').execute();
      await db.schema.dropTable('media_downloads').execute();
      await db.schema.dropTable('media_provider_uploads').execute();
      await db.schema.dropTable('media_conversations').execute();
      await db.schema.dropTable('media').execute();
    },
  };
}
