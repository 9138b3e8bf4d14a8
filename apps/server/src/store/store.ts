import type {
  Conversation,
  ConversationPatch,
  MediaRef,
  Message,
  MessageError,
  MessageType,
  SwitchboardEvent,
  TimelineEntry,
} from '@switchboard/protocol';
import type { Scope } from '../auth/principal.js';
import type { InboundChange } from '../domain/inbound-batch.js';
import type { MediaReads, MediaTx } from '../media/media-records.js';

/**
 * The durable store: channels, contacts, conversations, messages, status history, the raw webhook
 * inbox and the event log. Implemented once over Kysely, on SQLite and on PostgreSQL; both pass
 * `describeStoreContract`.
 *
 * Contract every caller relies on:
 * - Everything done inside one `transaction` commits or rolls back together, including the events
 *   it appends: a stored change and its event are never separated. `transaction` resolves only
 *   once the commit is durable (on disk, surviving a power loss).
 * - Event `seq`s increase strictly in commit order. A reader that has seen seq N never later finds
 *   a committed event with a smaller seq it has not seen (no gap that fills later).
 * - `applyInbound` is idempotent: a message is stored once per (channel, provider message id) and a
 *   status once per (channel, provider message id, status); a repeat changes nothing and appends
 *   no event. Statuses only move forward (`statusRank`); a status for an unknown message is kept
 *   and applied when the message appears.
 * - Listeners given to `onCommit` hear the last seq of every commit that appended events, after
 *   the commit, in commit order.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call on every start and from several nodes. */
  migrate(): Promise<void>;
  /** Throws when the database cannot answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  onCommit(listener: (lastSeq: number) => void): () => void;

  ensureChannel(input: NewChannel): Promise<Channel>;
  listChannels(): Promise<Channel[]>;

  getConversation(id: string): Promise<Conversation | null>;
  /** The conversation of a channel with the customer at this phone number, if there is one. */
  findConversationByPhone(channelId: string, waId: string): Promise<Conversation | null>;
  listConversations(query: ConversationQuery): Promise<Page<Conversation>>;
  getMessage(id: string): Promise<Message | null>;
  /** The channel's message with this provider id (unique per channel), if any. */
  findMessageByProviderId(channelId: string, providerMessageId: string): Promise<Message | null>;
  listMessages(conversationId: string, query: MessageQuery): Promise<Page<Message>>;
  getTimeline(messageId: string): Promise<TimelineEntry[]>;
  /** The message a send with this idempotency key created in the conversation, if any. */
  findMessageByClientId(conversationId: string, clientMessageId: string): Promise<Message | null>;

  /** Events with seq > after, in seq order, at most `limit`. */
  readEvents(query: EventQuery): Promise<SwitchboardEvent[]>;
  /** The last committed seq (0 when the log is empty). */
  headSeq(): Promise<number>;
  /** The smallest retained seq minus one: a cursor below it has missed pruned events. */
  prunedBefore(): Promise<number>;
  /**
   * Deletes up to `limit` of the oldest events appended before `before` (epoch ms), always a prefix
   * of the log (an old event waits behind a newer one), so `prunedBefore` stays exact; returns how
   * many were deleted. Safe to run on several nodes at once.
   */
  pruneEvents(before: number, limit: number): Promise<number>;

  /**
   * Durably appends raw webhooks in their own commit (the ingest hot path): resolves, in input
   * order, with each one's id once it would survive a power loss. May run off the main thread.
   * With `requireJson`, a body that is not JSON (as UTF-8) is not stored and its place holds
   * `{ invalidJson }`, the parser's message; the others are stored all the same. The check runs
   * where the append runs, so on SQLite it costs the event loop nothing.
   */
  appendWebhooks(
    webhooks: readonly NewWebhook[],
    options?: { requireJson?: boolean },
  ): Promise<AppendedWebhook[]>;

  /** Synced message templates, by name then language. */
  listTemplates(channelId?: string): Promise<StoredTemplate[]>;
  findTemplate(channelId: string, name: string, language: string): Promise<StoredTemplate | null>;

  /** Outbox heads due for an attempt (see `dueOutbox` in kysely/outbox-reads.ts). */
  dueOutbox(now: number, limit: number): Promise<OutboxEntry[]>;
  getOutboxEntry(messageId: string): Promise<OutboxEntry | null>;
  countOpenOutbox(): Promise<number>;

  /** Inbox rows due for (re)processing, in due order (then arrival order). */
  dueWebhooks(now: number, limit: number): Promise<StoredWebhook[]>;
  getWebhook(id: string): Promise<StoredWebhook | null>;
  listWebhooks(query: { status?: WebhookStatus; limit: number }): Promise<StoredWebhook[]>;
  /** Webhooks in `status`; with `attemptsBelow`, only those processing failed fewer times than that. */
  countWebhooks(status: WebhookStatus, options?: { attemptsBelow?: number }): Promise<number>;

  /** Media files, their provider uploads and inbound download jobs (docs/media.md). */
  readonly media: MediaReads;
}

/** The operations that write; each runs inside the caller's transaction. */
export interface StoreTx {
  /** Stores a raw webhook body as received; returns its id. */
  insertWebhook(webhook: NewWebhook): Promise<string>;
  /** Stores several raw webhooks in one statement (the ingest hot path); ids in input order. */
  insertWebhooks(webhooks: readonly NewWebhook[]): Promise<string[]>;
  /** Records the outcome of processing a stored webhook. */
  markWebhook(id: string, outcome: WebhookOutcome): Promise<void>;
  /** Applies one normalized provider change for a channel (see the contract above); returns problems. */
  applyInbound(channel: Channel, change: InboundChange, receivedAt: number): Promise<string[]>;
  /** Sets refs and/or assignee; returns null when there is no such conversation. */
  updateConversation(id: string, patch: ConversationPatch, now: number): Promise<Conversation | null>;
  /** Creates an outbound message (the send path); pending statuses for its provider id apply. */
  createOutboundMessage(input: NewOutboundMessage): Promise<Message>;
  /** Records the provider's id of an outbound message once the provider accepted it. */
  setProviderMessageId(messageId: string, providerMessageId: string, now: number): Promise<Message | null>;

  /**
   * The conversation with the customer at `waId` on a channel, created (with contact and events)
   * when new; `ref`, when given, is added to its refs.
   */
  openConversation(input: {
    channelId: string;
    waId: string;
    ref: string | null;
    now: number;
  }): Promise<Conversation>;
  /**
   * The send path: the message (`queued`), its event and its outbox entry. With a client message id
   * already used in the conversation, returns that message (`created: false`) and adds nothing.
   */
  enqueueOutbound(input: NewOutboxMessage): Promise<{ message: Message; created: boolean }>;
  /** Leases an entry for one attempt (message → `sending`); null when someone else holds it. */
  leaseOutbox(messageId: string, leaseUntil: number, now: number): Promise<OutboxEntry | null>;
  outboxAccepted(messageId: string, providerMessageId: string, now: number): Promise<void>;
  outboxFailed(messageId: string, error: MessageError, now: number): Promise<void>;
  /** Back in line at `at`; `refundAttempt` when the attempt was only slowed down (rate limits). */
  outboxLater(
    messageId: string,
    state: 'queued' | 'unconfirmed',
    at: number,
    error: string | null,
    now: number,
    options?: { refundAttempt?: boolean },
  ): Promise<void>;
  /**
   * Marks inbound messages read up to `upTo` (all when null) and recounts `unreadCount`; returns the
   * newest message it marked (its wamid is what the provider needs), or null.
   */
  markConversationRead(conversationId: string, upTo: string | null, now: number): Promise<Message | null>;
  /** Replaces a channel's synced templates with the provider's list. */
  replaceTemplates(
    channelId: string,
    templates: readonly Omit<StoredTemplate, 'channelId' | 'syncedAt'>[],
    now: number,
  ): Promise<void>;
  /** A failed message back in line (`POST /v1/messages/:id/retry`); null unless it had failed. */
  requeueFailed(messageId: string, now: number): Promise<Message | null>;
  /** Media writes (docs/media.md); a message's media status changes with its event. */
  readonly media: MediaTx;
}

export interface NewOutboxMessage {
  conversationId: string;
  type: MessageType;
  content: Record<string, unknown>;
  /** The validated send body, kept until the entry is sent. */
  body: unknown;
  clientMessageId: string | null;
  sentBy: string | null;
  replyTo: string | null;
  /** The uploaded media the message carries (by our id), shown on the message like inbound media. */
  media?: MediaRef | null;
  now: number;
}

export type OutboxState = 'queued' | 'sending' | 'unconfirmed' | 'done' | 'failed';

export interface OutboxEntry {
  messageId: string;
  conversationId: string;
  channelId: string;
  body: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
}

export interface Channel {
  id: string;
  provider: string;
  phoneNumberId: string;
  name: string;
}
export type NewChannel = Omit<Channel, 'id'>;

export type WebhookStatus = 'pending' | 'processed' | 'unroutable';

/** The outcome of one webhook of `appendWebhooks`. */
export type AppendedWebhook = { id: string } | { invalidJson: string };

export interface NewWebhook {
  provider: string;
  body: Buffer;
  receivedAt: number;
  /** 'processed' when the caller processes it in the same transaction. */
  status: WebhookStatus;
  notes?: WebhookNotes | null;
}

export interface WebhookNotes {
  ignored?: { reason: string; field?: string }[];
  problems?: string[];
  unroutable?: string[];
  errors?: unknown[];
}

export type WebhookOutcome =
  | { status: 'processed' | 'unroutable'; at: number; notes: WebhookNotes | null }
  | { status: 'pending'; error: string; retryAt: number };

export interface StoredWebhook {
  id: string;
  provider: string;
  receivedAt: number;
  body: Buffer;
  status: WebhookStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  notes: WebhookNotes | null;
  processedAt: number | null;
}

export interface NewOutboundMessage {
  conversationId: string;
  type: MessageType;
  content: Record<string, unknown>;
  clientMessageId: string | null;
  sentBy: string | null;
  providerMessageId: string | null;
  status: 'queued' | 'sending' | 'accepted';
  /** Our id of the message it quotes. */
  replyTo?: string | null;
  /** The uploaded media the message carries (by our id), shown on the message like inbound media. */
  media?: MediaRef | null;
  now: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface ConversationQuery {
  ref?: string;
  q?: string;
  cursor?: string;
  limit: number;
  /**
   * Only conversations the caller may see (`scopeAllowsConversation`), filtered in the query so
   * pages and cursors never count or reveal others. Absent: every conversation.
   */
  scope?: Scope;
}

export interface MessageQuery {
  before?: string;
  after?: string;
  limit: number;
}

export interface EventQuery {
  after: number;
  limit: number;
  conversationId?: string;
  ref?: string;
}

/** A message template as the provider listed it (Cloud API component objects kept as they are). */
export interface StoredTemplate {
  channelId: string;
  name: string;
  language: string;
  providerTemplateId: string | null;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, … as the provider says. */
  status: string;
  category: string | null;
  /** POSITIONAL or NAMED ({{1}} or {{first_name}}). */
  parameterFormat: string | null;
  components: unknown[];
  syncedAt: number;
}
