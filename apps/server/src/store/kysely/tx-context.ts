import type { Conversation } from '@switchboard/protocol';
import type { Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { EventAppender } from './event-appender.js';
import { toConversation, type ContactRow, type ConversationRow } from './row-mappers.js';

/** What the writers of one transaction share: the Kysely transaction, loaded rows and events. */
export class TxContext {
  readonly events = new EventAppender();
  private readonly conversations = new Map<string, ConversationRow>();
  private readonly contacts = new Map<string, ContactRow>();

  constructor(readonly trx: Transaction<Database>) {}

  remember(conversation: ConversationRow, contact?: ContactRow): void {
    this.conversations.set(conversation.id, conversation);
    if (contact) this.contacts.set(contact.id, contact);
  }

  rememberContact(contact: ContactRow): void {
    this.contacts.set(contact.id, contact);
  }

  async conversationRow(id: string): Promise<ConversationRow | null> {
    const cached = this.conversations.get(id);
    if (cached) return cached;
    const row = await this.trx
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row) this.conversations.set(id, row);
    return row ?? null;
  }

  async contactRow(id: string): Promise<ContactRow> {
    const cached = this.contacts.get(id);
    if (cached) return cached;
    const row = await this.trx
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    this.contacts.set(id, row);
    return row;
  }

  async conversation(id: string): Promise<Conversation | null> {
    const row = await this.conversationRow(id);
    return row ? toConversation(row, await this.contactRow(row.contact_id)) : null;
  }
}
