import type {
  Contact,
  LastMessage,
  Conversation,
  MediaRef,
  Message,
  MessageError,
  MessageStatus,
  MessageType,
  Reaction,
  Referral,
  SwitchboardEvent,
  TimelineEntry,
} from '@switchboard/protocol';
import type { Selectable } from 'kysely';
import type {
  ContactTable,
  ConversationTable,
  EventTable,
  MessageStatusTable,
  MessageTable,
  OutboxTable,
  WebhookInboxTable,
} from '../schema.js';
import type { OutboxEntry, StoredWebhook, WebhookNotes } from '../store.js';
import { iso, readJson } from './json-columns.js';

export type ContactRow = Selectable<ContactTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    waId: row.wa_id,
    userId: row.user_id,
    username: row.username,
    profileName: row.profile_name,
  };
}

/** The stored preview keeps `at` in epoch ms, like every time column. */
export type StoredLastMessage = Omit<LastMessage, 'at'> & { at: number };

function lastMessageOf(row: ConversationRow): LastMessage | null {
  const stored = readJson<StoredLastMessage | null>(row.last_message, null);
  return stored && { ...stored, at: iso(stored.at) };
}

export function toConversation(row: ConversationRow, contact: ContactRow): Conversation {
  return {
    id: row.id,
    channelId: row.channel_id,
    contact: toContact(contact),
    refs: readJson<string[]>(row.refs, []),
    assignee: row.assignee,
    unreadCount: Number(row.unread_count),
    lastMessageAt: iso(row.last_message_at),
    lastInboundAt: iso(row.last_inbound_at),
    windowExpiresAt: iso(row.window_expires_at),
    lastMessage: lastMessageOf(row),
    failedCount: Number(row.failed_count),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

// The store is the boundary: rows hold what our normalizers wrote for each type, so the typed
// shapes are asserted here rather than re-validated on every read.
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    direction: row.direction,
    type: row.type as MessageType,
    content: readJson<Record<string, unknown>>(row.content, {}),
    originalContent: readJson<Record<string, unknown> | null>(row.original_content, null),
    providerMessageId: row.provider_message_id,
    status: row.status as MessageStatus,
    error: readJson<MessageError | null>(row.error, null),
    replyTo: row.reply_to,
    context: readJson<Message['context']>(row.context, null),
    forwarded: Boolean(row.forwarded),
    frequentlyForwarded: Boolean(row.frequently_forwarded),
    referral: readJson<Referral | null>(row.referral, null),
    reactions: readJson<Reaction[]>(row.reactions, []),
    media: readJson<MediaRef | null>(row.media, null),
    clientMessageId: row.client_message_id,
    sentBy: row.sent_by,
    editedAt: iso(row.edited_at),
    revokedAt: iso(row.revoked_at),
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    updatedAt: iso(row.updated_at),
  } as Message;
}

export function toTimelineEntry(row: Selectable<MessageStatusTable>): TimelineEntry {
  return {
    status: row.status as MessageStatus,
    at: iso(row.at),
    receivedAt: iso(row.received_at),
    error: readJson<MessageError | null>(row.error, null),
    pricing: readJson<Record<string, unknown> | null>(row.pricing, null),
  };
}

export function toEvent(row: Selectable<EventTable>): SwitchboardEvent {
  return {
    seq: Number(row.seq),
    type: row.type as SwitchboardEvent['type'],
    at: iso(row.at),
    conversationId: row.conversation_id,
    refs: readJson<string[]>(row.refs, []),
    data: readJson<Record<string, unknown>>(row.data, {}),
  } as SwitchboardEvent;
}

export function toStoredWebhook(row: Selectable<WebhookInboxTable>): StoredWebhook {
  return {
    id: row.id,
    provider: row.provider,
    receivedAt: row.received_at,
    body: Buffer.from(row.body),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    notes: readJson<WebhookNotes | null>(row.notes, null),
    processedAt: row.processed_at,
  };
}

export function toOutboxEntry(row: Selectable<OutboxTable>): OutboxEntry {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    body: readJson<unknown>(row.body, null),
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
  };
}
