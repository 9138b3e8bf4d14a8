import type { Message, SendMessageBody } from '@switchboard/protocol';

/**
 * The message a send shows until the server's replaces it: `queued`, with the content a client
 * can know (the text, a caption, the template's name), in the shape the server will use.
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
    content: contentOf(body),
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
    revokedAt: null,
    createdAt: at,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    updatedAt: at,
  } as unknown as Message;
}

function contentOf(body: SendMessageBody): Record<string, unknown> {
  switch (body.type) {
    case 'text':
      return { body: body.text.body };
    case 'image':
    case 'video':
    case 'document':
      return {
        caption: body.media.caption ?? null,
        filename: ('filename' in body.media && body.media.filename) || null,
      };
    case 'audio':
      return { voice: false };
    case 'sticker':
      return { animated: null };
    case 'template':
      return {
        name: body.template.name,
        language: body.template.language.code,
        components: body.template.components ?? [],
      };
    case 'reaction':
      return { emoji: body.reaction.emoji || null };
    case 'location':
      return { ...body.location, url: null };
    case 'contacts':
      return { contacts: body.contacts };
    case 'interactive':
      return {
        type: body.interactive.type,
        header: null,
        body: body.interactive.body.text,
        footer: null,
        action: body.interactive.action,
      };
  }
}
