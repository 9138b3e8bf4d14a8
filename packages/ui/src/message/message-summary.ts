import type { Message } from '@switchboard/protocol';

/**
 * One line for a message (list preview, quoted reply, screen-reader announcement): its text, or
 * what it is ("📷 Photo", "🎤 Voice message", "Reacted 👍 to a message"), as WhatsApp previews them.
 */
export function messageSummary(message: Message): string {
  if (message.revokedAt) return 'This message was deleted';
  const caption = (c: string | null) => (c ? `: ${c}` : '');
  switch (message.type) {
    case 'text':
      return message.content.body;
    case 'image':
      return `📷 Photo${caption(message.content.caption)}`;
    case 'video':
      return `🎥 Video${caption(message.content.caption)}`;
    case 'audio':
      return message.content.voice ? '🎤 Voice message' : '🎵 Audio';
    case 'document':
      return `📄 ${message.content.filename ?? message.media?.filename ?? 'Document'}`;
    case 'sticker':
      return 'Sticker';
    case 'location':
      return `📍 ${message.content.name ?? message.content.address ?? 'Location'}`;
    case 'contacts': {
      const first = message.content.contacts[0] as { name?: { formatted_name?: string } } | undefined;
      return `👤 ${first?.name?.formatted_name ?? 'Contact'}`;
    }
    case 'interactive': {
      const c = message.content;
      if ('title' in c && c.title) return c.title;
      if ('body' in c && typeof c.body === 'string' && c.body) return c.body;
      return 'Interactive message';
    }
    case 'button':
      return message.content.text ?? 'Button reply';
    case 'reaction':
      return message.content.emoji ? `Reacted ${message.content.emoji} to a message` : 'Removed a reaction';
    case 'order':
      return `🛒 Order (${message.content.productItems.length} items)`;
    case 'system':
      return message.content.body ?? 'System message';
    case 'template':
      return `Template: ${message.content.name}`;
    case 'edit':
      return 'Edited a message';
    case 'revoke':
      return 'Deleted a message';
    case 'unsupported':
      return 'Unsupported message';
  }
}

/** Types stored as messages of their own that change another message: not shown as bubbles. */
export const effectTypes: ReadonlySet<Message['type']> = new Set(['reaction', 'edit', 'revoke']);
