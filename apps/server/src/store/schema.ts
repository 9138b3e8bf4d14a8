/**
 * Table types shared by the SQLite and PostgreSQL schemas. Times are epoch milliseconds (bigint
 * in PostgreSQL, read back as numbers); JSON columns are text in SQLite and jsonb in PostgreSQL,
 * written as strings and read through `readJson`; booleans are 0/1 integers in both.
 */
export interface Database {
  channels: ChannelTable;
  contacts: ContactTable;
  conversations: ConversationTable;
  conversation_refs: ConversationRefTable;
  messages: MessageTable;
  message_statuses: MessageStatusTable;
  webhook_inbox: WebhookInboxTable;
  events: EventTable;
  event_head: EventHeadTable;
  outbox: OutboxTable;
  templates: TemplateTable;
  media: MediaTable;
  media_conversations: MediaConversationTable;
  media_provider_uploads: MediaProviderUploadTable;
  media_downloads: MediaDownloadTable;
}

export interface ChannelTable {
  id: string;
  provider: string;
  phone_number_id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface ContactTable {
  id: string;
  wa_id: string | null;
  user_id: string | null;
  parent_user_id: string | null;
  username: string | null;
  profile_name: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConversationTable {
  id: string;
  channel_id: string;
  contact_id: string;
  refs: unknown;
  assignee: string | null;
  unread_count: number;
  last_message_at: number | null;
  last_inbound_at: number | null;
  window_expires_at: number | null;
  /** JSON `LastMessage` without `at` as ISO: `{id, direction, type, text, at}` with `at` in ms. */
  last_message: unknown;
  failed_count: number;
  created_at: number;
  updated_at: number;
}

export interface ConversationRefTable {
  conversation_id: string;
  ref: string;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  channel_id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  content: unknown;
  /** The content as it first arrived, kept when the customer's first edit replaces `content`. */
  original_content: unknown;
  provider_message_id: string | null;
  status: string;
  error: unknown;
  reply_to: string | null;
  /** The provider id this message quotes (`context.id`), until and after it resolves to `reply_to`. */
  quoted_provider_message_id: string | null;
  context: unknown;
  forwarded: number;
  frequently_forwarded: number;
  referral: unknown;
  reactions: unknown;
  media: unknown;
  client_message_id: string | null;
  sent_by: string | null;
  target_provider_message_id: string | null;
  edited_at: number | null;
  revoked_at: number | null;
  created_at: number;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  updated_at: number;
}

export interface MessageStatusTable {
  id: string;
  channel_id: string;
  provider_message_id: string;
  /** The id the message had before this status renamed it, if it did. */
  previous_provider_message_id: string | null;
  message_id: string | null;
  status: string;
  at: number;
  received_at: number;
  error: unknown;
  pricing: unknown;
}

export interface WebhookInboxTable {
  id: string;
  provider: string;
  received_at: number;
  body: Buffer;
  status: 'pending' | 'processed' | 'unroutable';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  notes: unknown;
  processed_at: number | null;
}

export interface EventTable {
  seq: number;
  type: string;
  at: number;
  conversation_id: string;
  refs: unknown;
  data: unknown;
}

export interface EventHeadTable {
  id: number;
  seq: number;
}

/** See migrations/0004-outbox.ts and docs/sending.md for the states. */
export interface OutboxTable {
  message_id: string;
  conversation_id: string;
  channel_id: string;
  body: unknown;
  state: 'queued' | 'sending' | 'unconfirmed' | 'done' | 'failed';
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface TemplateTable {
  channel_id: string;
  name: string;
  language: string;
  provider_template_id: string | null;
  status: string;
  category: string | null;
  parameter_format: string | null;
  components: unknown;
  synced_at: number;
}

/** Files we hold, content-addressed on disk (see migrations/0005-media.ts and docs/media.md). */
export interface MediaTable {
  id: string;
  /** Lowercase hex. */
  sha256: string;
  size: number;
  mime_type: string;
  filename: string | null;
  /** Relative to the data directory. */
  path: string;
  /** The agent's `sub` who uploaded it; null for the API key and for inbound media. */
  created_by: string | null;
  created_at: number;
}

export interface MediaConversationTable {
  media_id: string;
  conversation_id: string;
}

export interface MediaProviderUploadTable {
  media_id: string;
  channel_id: string;
  provider_media_id: string;
  uploaded_at: number;
}

export interface MediaDownloadTable {
  message_id: string;
  media_id: string;
  channel_id: string;
  conversation_id: string;
  provider_media_id: string;
  expected_sha256: string | null;
  mime_type: string | null;
  filename: string | null;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  /** When the message was created (the customer's time): the provider keeps its media 7 days. */
  received_at: number;
  created_at: number;
  updated_at: number;
}
