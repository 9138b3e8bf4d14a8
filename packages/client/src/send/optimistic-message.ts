import { normalizedOutboundContent, type Message, type SendMessageBody } from '@switchboard/protocol';

/**
 * The message a send shows until the server's replaces it: `queued`, with the content a client
 * can know, built by the protocol's rule that the server also stores (`normalizedOutboundContent`).
 */
export function optimisticMessage(
  conversationId: string,
  body: SendMessageBody,
  clientMessageId: string,
  now: number,
): Message {
  const at = new Date(now).toISOString();
  const media = 'media' in body ? body.media : null;
  return {
    id: `local_${clientMessageId}`,
    conversationId,
    channelId: '',
    direction: 'outbound',
    type: body.type,
    content: normalizedOutboundContent(body),
    providerMessageId: null,
    status: 'queued',
    error: null,
    replyTo: 'replyTo' in body ? (body.replyTo ?? null) : null,
    context: null,
    forwarded: false,
    frequentlyForwarded: false,
    referral: null,
    reactions: [],
    media:
      media && 'id' in media && media.id
        ? {
            id: media.id,
            providerMediaId: null,
            mimeType: null,
            size: null,
            sha256: null,
            filename: ('filename' in media && media.filename) || null,
            status: 'ready',
          }
        : null,
    clientMessageId,
    sentBy: null,
    editedAt: null,
    originalContent: null,
    revokedAt: null,
    createdAt: at,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    updatedAt: at,
  } as unknown as Message;
}
