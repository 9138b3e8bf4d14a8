import type { Kysely, Migration } from 'kysely';
import { columnTypes, type Dialect } from './column-types.js';

/**
 * The transactional outbox: one row per outbound message, written in the transaction that creates
 * the message and its event, and worked by the outbox worker (docs/sending.md). An idempotency key
 * names one message per conversation, enforced by the database so that concurrent duplicate
 * requests cannot both insert.
 */
export function outboxMigration(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outbox')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('body', t.json, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.time, (c) => c.notNull())
        .addColumn('lease_until', t.time)
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      // The worker's read: the oldest open entry of each conversation.
      await db.schema
        .createIndex('outbox_open_idx')
        .on('outbox')
        .columns(['state', 'conversation_id', 'message_id'])
        .execute();
      // Message templates as last synced from the provider, per channel (docs/sending.md).
      await db.schema
        .createTable('templates')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('provider_template_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('parameter_format', 'text')
        .addColumn('components', t.json, (c) => c.notNull())
        .addColumn('synced_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('templates_pkey', ['channel_id', 'name', 'language'])
        .execute();
      await db.schema
        .createIndex('messages_client_id_key')
        .on('messages')
        .columns(['conversation_id', 'client_message_id'])
        .unique()
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('messages_client_id_key').execute();
      await db.schema.dropTable('templates').execute();
      await db.schema.dropTable('outbox').execute();
    },
  };
}
