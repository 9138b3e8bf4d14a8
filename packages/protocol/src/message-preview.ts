import type { MessageType } from './message.js';

/** How long a conversation's last-message preview text may be (a list shows one line of it). */
export const previewMaxLength = 120;

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * The words a conversation list shows for a message (its `lastMessage.text`): the text, a caption
 * or file name, a place's name, a contact's name, a button's title, a reaction's emoji; null when
 * the type says it all (a photo without caption). The list adds what the type is ("📷 Photo").
 * Types only, no zod: the server stores it and browsers read it.
 */
export function previewText(type: MessageType, content: Record<string, unknown>): string | null {
  const text = (() => {
    switch (type) {
      case 'text':
        return str(content.body);
      case 'image':
      case 'video':
        return str(content.caption);
      case 'document':
        return str(content.caption) ?? str(content.filename);
      case 'location':
        return str(content.name) ?? str(content.address);
      case 'contacts': {
        const first = (content.contacts as { name?: { formatted_name?: unknown } }[] | undefined)?.[0];
        return str(first?.name?.formatted_name);
      }
      case 'interactive':
        return str(content.title) ?? str(content.body);
      case 'button':
        return str(content.text);
      case 'reaction':
        return str(content.emoji);
      case 'order':
        return str(content.text);
      case 'template':
        return str(content.name);
      default:
        return null;
    }
  })();
  if (text === null) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > previewMaxLength ? `${line.slice(0, previewMaxLength - 1)}…` : line;
}
