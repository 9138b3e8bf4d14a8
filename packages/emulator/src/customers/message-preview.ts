/**
 * A one-line description of a Cloud API message object (an inbound webhook message or an outbound
 * send body, which share `type` and a body under that key), for the phone page and logs.
 */
export function messagePreview(message: Readonly<Record<string, unknown>>): string {
  const type = typeof message.type === 'string' ? message.type : 'unknown';
  const body = record(message[type]);
  switch (type) {
    case 'text':
      return oneLine(str(body.body));
    case 'image':
      return withCaption('📷 Photo', body);
    case 'video':
      return withCaption('🎥 Video', body);
    case 'audio':
      return body.voice === true ? '🎤 Voice message' : '🎵 Audio';
    case 'document':
      return withCaption(`📄 ${str(body.filename) || 'Document'}`, body);
    case 'sticker':
      return '💟 Sticker';
    case 'location':
      return `📍 ${oneLine(str(body.name) || str(body.address) || 'Location')}`;
    case 'contacts': {
      const first = record(Array.isArray(message.contacts) ? message.contacts[0] : undefined);
      return `👤 ${oneLine(str(record(first.name).formatted_name) || 'Contact')}`;
    }
    case 'interactive':
      return interactivePreview(body);
    case 'button':
      return oneLine(str(body.text));
    case 'template':
      return `📋 Template ${str(body.name)}`;
    case 'reaction':
      return str(body.emoji) ? `Reacted ${str(body.emoji)}` : 'Removed a reaction';
    case 'order':
      return '🛒 Order';
    case 'system':
      return oneLine(str(body.body) || str(body.type));
    case 'unsupported':
      return `Unsupported message${str(body.type) ? ` (${str(body.type)})` : ''}`;
    default:
      return type;
  }
}

function interactivePreview(body: Record<string, unknown>): string {
  const kind = str(body.type);
  const reply = record(body[kind]);
  // Replies from the customer carry the chosen title; messages from the business carry a body.
  if (kind === 'button_reply' || kind === 'list_reply') return oneLine(str(reply.title));
  if (kind === 'nfm_reply') return oneLine(str(reply.body) || 'Form submitted');
  return oneLine(str(record(body.body).text) || 'Interactive message');
}

function withCaption(label: string, body: Record<string, unknown>): string {
  const caption = str(body.caption);
  return caption ? `${label} · ${oneLine(caption)}` : label;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
