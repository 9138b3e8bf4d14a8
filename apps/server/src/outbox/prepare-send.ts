import { sendBodyMediaId, type SendMessageBody } from '@switchboard/protocol';
import type { OutboundSend } from '../providers/provider.js';
import type { OutboxEntry, Store } from '../store/store.js';

/**
 * Turns an outbox entry into the send a provider gets, resolving our ids to the provider's at
 * send time: the message it quotes or reacts to was sent before it (sends leave in order), so its
 * provider id is known by now. Our message id travels with it: a provider that echoes callback
 * data in its statuses lets an unconfirmed attempt be recognized (docs/sending.md).
 */
export function sendPreparer(
  store: Store,
  providerMediaId: (mediaId: string, channelId: string) => Promise<string | null> = () =>
    Promise.resolve(null),
): (entry: OutboxEntry) => Promise<OutboundSend> {
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
    const template =
      body.type === 'template'
        ? await store.findTemplate(entry.channelId, body.template.name, body.template.language.code)
        : null;
    return {
      to,
      body,
      messageId: entry.messageId,
      replyToProviderMessageId: replyTo,
      reactionTargetProviderMessageId: target,
      providerMediaId: mediaId,
      providerTemplateId: template?.providerTemplateId ?? null,
    };
  };
}

async function providerIdOf(store: Store, messageId: string, what: string): Promise<string> {
  const message = await store.getMessage(messageId);
  if (!message?.providerMessageId) {
    throw new Error(`the ${what} message ${messageId} never reached WhatsApp, so it cannot be referred to`);
  }
  return message.providerMessageId;
}
