import type { LastMessage } from '@switchboard/protocol';

const kinds: Partial<Record<LastMessage['type'], string>> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎤 Audio',
  document: '📄 Document',
  sticker: 'Sticker',
  location: '📍 Location',
  contacts: '👤 Contact',
  order: '🛒 Order',
  template: 'Template',
  interactive: 'Reply',
  unsupported: 'Unsupported message',
};

/**
 * A conversation's last message in one line, as WhatsApp's chat list shows it: its words, what
 * it is when it is not text ("📷 Photo: caption"), "You: " before ours, reactions named as such.
 */
export function lastMessageLine(last: LastMessage | null): string {
  if (!last) return 'No messages yet';
  const you = last.direction === 'outbound';
  if (last.type === 'reaction') {
    return last.text ? `${you ? 'You reacted' : 'Reacted'} ${last.text}` : 'Removed a reaction';
  }
  const kind = kinds[last.type];
  const words = kind ? (last.text ? `${kind}: ${last.text}` : kind) : (last.text ?? '');
  return you ? `You: ${words}` : words;
}
