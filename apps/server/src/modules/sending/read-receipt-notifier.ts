import type { FastifyBaseLogger } from 'fastify';
import { tellsProvider, type ReadReceiptPolicy } from '../../domain/read-receipts.js';
import type { ChannelProviders } from '../../providers/channel-providers.js';
import type { Store } from '../../store/store.js';
import { newestInboundProviderId } from './newest-inbound.js';

/**
 * Tells the provider that the business read a customer's messages, when the read-receipt policy
 * says so (domain/read-receipts.ts): on an agent's read, or on an agent's reply. A provider that
 * cannot be reached never undoes the local read or fails the reply; it is logged.
 */
export class ReadReceiptNotifier {
  constructor(
    private readonly deps: {
      store: Store;
      providers: ChannelProviders;
      log: FastifyBaseLogger;
      policy: ReadReceiptPolicy;
    },
  ) {}

  /** An agent read the conversation up to `providerMessageId`: true if the provider was told. */
  async read(
    conversation: { id: string; channelId: string },
    providerMessageId: string | null,
  ): Promise<boolean> {
    if (!providerMessageId || !tellsProvider(this.deps.policy, 'read')) return false;
    return this.tell(conversation, providerMessageId);
  }

  /** An agent answered: with `on-reply`, the customer now sees their messages read. */
  replied(conversation: { id: string; channelId: string }): void {
    if (!tellsProvider(this.deps.policy, 'reply')) return;
    void newestInboundProviderId(this.deps.store, conversation.id).then(
      async (id) => {
        if (id !== null) await this.tell(conversation, id);
      },
      (err: unknown) =>
        this.deps.log.warn({ err, conversationId: conversation.id }, 'read receipt lookup failed'),
    );
  }

  private async tell(
    conversation: { id: string; channelId: string },
    providerMessageId: string,
  ): Promise<boolean> {
    const client = this.deps.providers.get(conversation.channelId);
    if (!client) return false;
    try {
      await client.markRead(providerMessageId);
      return true;
    } catch (err) {
      this.deps.log.warn({ err, conversationId: conversation.id }, 'marking read at the provider failed');
      return false;
    }
  }
}
