import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type Dialect } from './column-types.js';

export function initialMigration(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('phone_number_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addUniqueConstraint('channels_provider_number_key', ['provider', 'phone_number_id'])
        .execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wa_id', 'text', (c) => c.unique())
        .addColumn('user_id', 'text', (c) => c.unique())
        .addColumn('parent_user_id', 'text')
        .addColumn('username', 'text')
        .addColumn('profile_name', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
        .addColumn('refs', t.json, (c) => c.notNull().defaultTo(t.emptyJsonArray))
        .addColumn('assignee', 'text')
        .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_message_at', t.time)
        .addColumn('last_inbound_at', t.time)
        .addColumn('window_expires_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addUniqueConstraint('conversations_channel_contact_key', ['channel_id', 'contact_id'])
        .execute();
      await db.schema
        .createIndex('conversations_recent_idx')
        .on('conversations')
        .columns(['last_message_at', 'id'])
        .execute();

      await db.schema
        .createTable('conversation_refs')
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('conversation_refs_pkey', ['conversation_id', 'ref'])
        .execute();
      await db.schema
        .createIndex('conversation_refs_ref_idx')
        .on('conversation_refs')
        .column('ref')
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('content', t.json, (c) => c.notNull())
        .addColumn('provider_message_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', t.json)
        .addColumn('reply_to', 'text')
        .addColumn('context', t.json)
        .addColumn('forwarded', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('frequently_forwarded', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('referral', t.json)
        .addColumn('reactions', t.json, (c) => c.notNull().defaultTo(t.emptyJsonArray))
        .addColumn('media', t.json)
        .addColumn('client_message_id', 'text')
        .addColumn('sent_by', 'text')
        .addColumn('target_provider_message_id', 'text')
        .addColumn('edited_at', t.time)
        .addColumn('revoked_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('sent_at', t.time)
        .addColumn('delivered_at', t.time)
        .addColumn('read_at', t.time)
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      // Idempotency of inbound delivery: one row per provider message id and channel.
      await db.schema
        .createIndex('messages_provider_id_key')
        .on('messages')
        .columns(['channel_id', 'provider_message_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('messages_conversation_time_idx')
        .on('messages')
        .columns(['conversation_id', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('messages_target_idx')
        .on('messages')
        .columns(['channel_id', 'target_provider_message_id'])
        .execute();

      await db.schema
        .createTable('message_statuses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
        .addColumn('provider_message_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('received_at', t.time, (c) => c.notNull())
        .addColumn('error', t.json)
        .addColumn('pricing', t.json)
        .execute();
      // Idempotency of status delivery: one row per (provider message id, status).
      await db.schema
        .createIndex('message_statuses_key')
        .on('message_statuses')
        .columns(['channel_id', 'provider_message_id', 'status'])
        .unique()
        .execute();
      await db.schema
        .createIndex('message_statuses_message_idx')
        .on('message_statuses')
        .column('message_id')
        .execute();

      await db.schema
        .createTable('webhook_inbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('received_at', t.time, (c) => c.notNull())
        .addColumn('body', t.blob, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.time, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('notes', t.json)
        .addColumn('processed_at', t.time)
        .execute();
      await db.schema
        .createIndex('webhook_inbox_due_idx')
        .on('webhook_inbox')
        .columns(['status', 'next_attempt_at'])
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('seq', t.time, (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('refs', t.json, (c) => c.notNull())
        .addColumn('data', t.json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('events_conversation_idx')
        .on('events')
        .columns(['conversation_id', 'seq'])
        .execute();

      // The last seq handed out. Appending events updates this single row, which serializes
      // appenders until commit: seqs are assigned in commit order and readers never see a gap
      // that fills later (see docs/store.md).
      await db.schema
        .createTable('event_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', t.time, (c) => c.notNull())
        .execute();
      await sql`insert into event_head (id, seq) values (1, 0)`.execute(db);
    },
  };
}
