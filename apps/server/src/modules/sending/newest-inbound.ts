import type { Store } from '../../store/store.js';

/**
 * The provider id of the newest customer message among the latest 50, or null. WhatsApp's read
 * receipts and typing indicator both answer a customer's message, so both need this id.
 */
export async function newestInboundProviderId(store: Store, conversationId: string): Promise<string | null> {
  const page = await store.listMessages(conversationId, { limit: 50 });
  return (
    page.data.filter((m) => m.direction === 'inbound' && m.providerMessageId).at(-1)?.providerMessageId ??
    null
  );
}
