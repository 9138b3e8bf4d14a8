import type { Conversation, Message } from '@switchboard/protocol';
import { Migrator, type Kysely } from 'kysely';
import { newId } from '../../lib/ids.js';
import { migrationProvider } from '../migrations/index.js';
import type { Database } from '../schema.js';
import type { AppendedWebhook, Channel, NewChannel, NewWebhook, Store, StoreTx } from '../store.js';
import { invalidJson } from '../webhook-json.js';
import { upsertContact } from './contact-writer.js';
import { findOrCreateConversation, patchConversation } from './conversation-writer.js';
import { readJson } from './json-columns.js';
import { findConversationByPhone, getConversation, listConversations } from './conversation-reads.js';
import { headSeq, pruneEvents, prunedBefore, readEvents } from './event-reads.js';
import { applyInboundChange } from './inbound-applier.js';
import {
  findMessageByClientId,
  findMessageByProviderId,
  getMessage,
  getTimeline,
  listMessages,
} from './message-reads.js';
import { createOutboundMessage, setProviderMessageId } from './outbound-writer.js';
import { countOpenOutbox, dueOutbox, getOutboxEntry } from './outbox-reads.js';
import {
  enqueueOutbound,
  leaseOutbox,
  outboxAccepted,
  outboxFailed,
  outboxLater,
  requeueFailed,
} from './outbox-writer.js';
import { markConversationRead } from './read-marker.js';
import { mediaReads, mediaTx } from './media-store.js';
import { findTemplate, listTemplates, replaceTemplates } from './template-store.js';
import { toConversation, toMessage } from './row-mappers.js';
import { TxContext } from './tx-context.js';
import {
  countWebhooks,
  dueWebhooks,
  getWebhook,
  insertWebhook,
  insertWebhooks,
  listWebhooks,
  markWebhook,
} from './webhook-inbox.js';

export interface KyselyStoreOptions {
  closeDriver?: () => Promise<void>;
  /** Resolves once everything committed so far is durable (SQLite's off-thread WAL fsync). */
  afterCommit?: () => Promise<void>;
  /** Appends raw webhooks outside `transaction` (SQLite: on a thread of its own). */
  appendWebhooks?: Store['appendWebhooks'];
}

/** The Store over Kysely; the dialect-specific parts (driver, pragmas, locks) are injected. */
export class KyselyStore implements Store {
  private readonly listeners = new Set<(lastSeq: number) => void>();
  private readonly closeDriver: () => Promise<void>;
  private readonly durable: () => Promise<void>;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    options: KyselyStoreOptions = {},
  ) {
    this.closeDriver = options.closeDriver ?? (() => db.destroy());
    this.durable = options.afterCommit ?? (() => Promise.resolve());
    this.append = options.appendWebhooks ?? ((webhooks, opts) => this.appendInTransaction(webhooks, opts));
  }

  private readonly append: Store['appendWebhooks'];

  appendWebhooks(
    webhooks: readonly NewWebhook[],
    options?: { requireJson?: boolean },
  ): Promise<AppendedWebhook[]> {
    return this.append(webhooks, options);
  }

  private async appendInTransaction(
    webhooks: readonly NewWebhook[],
    options: { requireJson?: boolean } = {},
  ): Promise<AppendedWebhook[]> {
    const problems = webhooks.map((w) => (options.requireJson ? invalidJson(w.body) : null));
    const ids = await this.transaction((tx) =>
      tx.insertWebhooks(webhooks.filter((_, i) => problems[i] === null)),
    );
    let next = 0;
    return problems.map((problem) => (problem === null ? { id: ids[next++]! } : { invalidJson: problem }));
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.dialect) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
    await this.durable();
  }

  async ping(): Promise<void> {
    await this.db.selectFrom('event_head').select('seq').executeTakeFirst();
  }

  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    this.closing ??= this.closeDriver();
    return this.closing;
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const { result, events } = await this.db.transaction().execute(async (trx) => {
      const ctx = new TxContext(trx);
      const result = await fn(makeTx(ctx));
      return { result, events: await ctx.events.flush(trx) };
    });
    // Neither the caller nor a listener may act on a commit that a power loss could still undo.
    await this.durable();
    const last = events.at(-1);
    if (last) for (const listener of this.listeners) listener(last.seq);
    return result;
  }

  onCommit(listener: (lastSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ensureChannel(input: NewChannel): Promise<Channel> {
    const now = Date.now();
    await this.db
      .insertInto('channels')
      .values({ id: newId('ch_'), ...toChannelRow(input), created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['provider', 'phone_number_id']).doUpdateSet({ name: input.name, updated_at: now }),
      )
      .execute();
    const row = await this.db
      .selectFrom('channels')
      .selectAll()
      .where('provider', '=', input.provider)
      .where('phone_number_id', '=', input.phoneNumberId)
      .executeTakeFirstOrThrow();
    await this.durable();
    return fromChannelRow(row);
  }

  async listChannels(): Promise<Channel[]> {
    const rows = await this.db.selectFrom('channels').selectAll().orderBy('created_at').execute();
    return rows.map(fromChannelRow);
  }

  getConversation = (id: string) => getConversation(this.db, id);
  findConversationByPhone = (channelId: string, waId: string) =>
    findConversationByPhone(this.db, channelId, waId);
  listConversations: Store['listConversations'] = (query) => listConversations(this.db, query);
  getMessage = (id: string) => getMessage(this.db, id);
  findMessageByProviderId = (channelId: string, providerMessageId: string) =>
    findMessageByProviderId(this.db, channelId, providerMessageId);
  listMessages: Store['listMessages'] = (id, query) => listMessages(this.db, id, query);
  getTimeline = (id: string) => getTimeline(this.db, id);
  findMessageByClientId = (conversationId: string, key: string) =>
    findMessageByClientId(this.db, conversationId, key);
  readEvents: Store['readEvents'] = (query) => readEvents(this.db, query);
  headSeq = () => headSeq(this.db);
  prunedBefore = () => prunedBefore(this.db);
  pruneEvents = (before: number, limit: number) => pruneEvents(this.db, before, limit);
  dueWebhooks = (now: number, limit: number) => dueWebhooks(this.db, now, limit);
  dueOutbox = (now: number, limit: number) => dueOutbox(this.db, now, limit);
  listTemplates = (channelId?: string) => listTemplates(this.db, channelId);
  findTemplate = (channelId: string, name: string, language: string) =>
    findTemplate(this.db, channelId, name, language);
  getOutboxEntry = (messageId: string) => getOutboxEntry(this.db, messageId);
  countOpenOutbox = () => countOpenOutbox(this.db);
  getWebhook = (id: string) => getWebhook(this.db, id);
  listWebhooks: Store['listWebhooks'] = (query) => listWebhooks(this.db, query);
  countWebhooks: Store['countWebhooks'] = (status, options) => countWebhooks(this.db, status, options);
  get media(): Store['media'] {
    return (this.mediaReads ??= mediaReads(this.db, () => this.durable()));
  }
  private mediaReads: Store['media'] | undefined;
}

function makeTx(ctx: TxContext): StoreTx {
  return {
    insertWebhook: (webhook) => insertWebhook(ctx.trx, webhook),
    insertWebhooks: (webhooks) => insertWebhooks(ctx.trx, webhooks),
    markWebhook: (id, outcome) => markWebhook(ctx.trx, id, outcome),
    applyInbound: (channel, change, receivedAt) => applyInboundChange(ctx, channel, change, receivedAt),
    async updateConversation(id, patch, now): Promise<Conversation | null> {
      const row = await patchConversation(ctx, id, patch, now);
      return row ? toConversation(row, await ctx.contactRow(row.contact_id)) : null;
    },
    async createOutboundMessage(input): Promise<Message> {
      return toMessage(await createOutboundMessage(ctx, input));
    },
    async setProviderMessageId(messageId, providerMessageId, now): Promise<Message | null> {
      const row = await setProviderMessageId(ctx, messageId, providerMessageId, now);
      return row ? toMessage(row) : null;
    },
    async openConversation(input) {
      const found = await upsertContact(ctx, { waId: input.waId, userId: null }, undefined, input.now);
      if (!found) throw new Error('a conversation needs a phone number');
      let row = await findOrCreateConversation(ctx, input.channelId, found.contact, input.now);
      const refs = readJson<string[]>(row.refs, []);
      if (input.ref !== null && !refs.includes(input.ref)) {
        row = (await patchConversation(ctx, row.id, { refs: [...refs, input.ref] }, input.now)) ?? row;
      }
      return toConversation(row, await ctx.contactRow(row.contact_id));
    },
    async enqueueOutbound(input) {
      const { message, created } = await enqueueOutbound(ctx, input);
      return { message: toMessage(message), created };
    },
    leaseOutbox: (messageId, leaseUntil, now) => leaseOutbox(ctx, messageId, leaseUntil, now),
    outboxAccepted: (messageId, providerMessageId, now) =>
      outboxAccepted(ctx, messageId, providerMessageId, now),
    outboxFailed: (messageId, error, now) => outboxFailed(ctx, messageId, error, now),
    outboxLater: (messageId, state, at, error, now, options) =>
      outboxLater(ctx, messageId, state, at, error, now, options),
    async markConversationRead(conversationId, upTo, now) {
      const row = await markConversationRead(ctx, conversationId, upTo, now);
      return row ? toMessage(row) : null;
    },
    replaceTemplates: (channelId, templates, now) => replaceTemplates(ctx.trx, channelId, templates, now),
    async requeueFailed(messageId, now) {
      const row = await requeueFailed(ctx, messageId, now);
      return row ? toMessage(row) : null;
    },
    media: mediaTx(ctx),
  };
}

function toChannelRow(input: NewChannel) {
  return { provider: input.provider, phone_number_id: input.phoneNumberId, name: input.name };
}

function fromChannelRow(row: {
  id: string;
  provider: string;
  phone_number_id: string;
  name: string;
}): Channel {
  return { id: row.id, provider: row.provider, phoneNumberId: row.phone_number_id, name: row.name };
}
