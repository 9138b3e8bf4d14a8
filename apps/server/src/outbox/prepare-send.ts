import { sendBodyMediaId, type SendMessageBody } from '@switchboard/protocol';
import { buildGraphSend } from '../providers/meta/build-graph-send.js';
import type { OutboxEntry, Store } from '../store/store.js';

/**
 * Turns an outbox entry into the Cloud API request, resolving our ids to the provider's at send
 * time: the message it quotes or reacts to was sent before it (sends leave in order), so its wamid
 * is known by now. Our message id travels as `biz_opaque_callback_data`: the provider echoes it in
 * every status, which is how an unconfirmed attempt is recognized (docs/sending.md).
 */
export function outboxPayloadBuilder(
  store: Store,
  providerMediaId: (mediaId: string, channelId: string) => Promise<string | null> = () =>
    Promise.resolve(null),
): (entry: OutboxEntry) => Promise<Record<string, unknown>> {
  return async (entry) => {
    const body = entry.body as SendMessageBody;
    const conversation = await store.getConversation(entry.conversationId);
    const to = conversation?.contact.waId;
    if (!to) throw new Error(`conversation ${entry.conversationId} has no phone number to send to`);
    const replyTo =
      'replyTo' in body && body.replyTo ? await providerIdOf(store, body.replyTo, 'quoted') : null;
    const target =
      body.type === 'reaction' ? await providerIdOf(store, body.reaction.messageId, 'reacted-to') : null;
    // The body's one media by our id (main media, interactive header or template header).
    const ourMediaId = sendBodyMediaId(body);
    const mediaId = ourMediaId ? await providerMediaId(ourMediaId, entry.channelId) : null;
    return buildGraphSend(body, {
      to,
      replyToProviderMessageId: replyTo,
      reactionTargetProviderMessageId: target,
      providerMediaId: mediaId,
      bizOpaqueCallbackData: entry.messageId,
    });
  };
}

async function providerIdOf(store: Store, messageId: string, what: string): Promise<string> {
  const message = await store.getMessage(messageId);
  if (!message?.providerMessageId) {
    throw new Error(`the ${what} message ${messageId} never reached WhatsApp, so it cannot be referred to`);
  }
  return message.providerMessageId;
}
