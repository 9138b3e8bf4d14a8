import { normalizeInteractive } from './normalize-interactive.js';
import { normalizeMedia } from './normalize-media.js';
import { normalizeOrder } from './normalize-order.js';
import { contentOnly, unsupportedContent, type NormalizedContent } from './normalized-content.js';
import { pruneJson } from './prune-json.js';
import { isRecord, readField, readId, readNumber, readRecord, readString } from './read-json.js';

// vCards are kept in Meta's own shape; bounded like any object we keep without reading it.
const vcardLimits = { maxDepth: 4, maxChars: 64 * 1024 };

/** The message types this normalizer understands; anything else is kept as `unsupported`. */
export const understoodTypes: ReadonlySet<string> = new Set([
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'order',
  'system',
  'edit',
  'revoke',
]);

/**
 * The content of one message body, keyed by Meta's `type` (§3): `body` is `message[type]`, and
 * `message` the whole message (system messages keep their top-level `identity`). Returns null for a
 * type we do not understand or a body without the shape the type needs; the caller keeps such a
 * message as `unsupported`. `allowEdit` is false inside an edit, so an edit of an edit (which Meta
 * does not send) ends the recursion after one level.
 */
export function normalizeContent(
  type: string,
  body: unknown,
  message: unknown,
  allowEdit = true,
): NormalizedContent | null {
  switch (type) {
    case 'text': {
      const text = readString(body, 'body');
      return text === null ? null : contentOnly('text', { body: text });
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return normalizeMedia(type, body);
    case 'location':
      return normalizeLocation(body);
    case 'contacts':
      return Array.isArray(body)
        ? contentOnly('contacts', { contacts: pruneJson(body.filter(isRecord), vcardLimits) ?? [] })
        : null;
    case 'interactive':
      return withContent('interactive', normalizeInteractive(body));
    case 'button':
      return isRecord(body)
        ? contentOnly('button', { text: readString(body, 'text'), payload: readString(body, 'payload') })
        : null;
    case 'reaction':
      return normalizeReaction(body);
    case 'order':
      return withContent('order', normalizeOrder(body));
    case 'system':
      return isRecord(body) ? contentOnly('system', systemContent(body, message)) : null;
    case 'revoke': {
      const target = readId(body, 'original_message_id');
      return target === null ? null : { ...contentOnly('revoke', {}), targetProviderMessageId: target };
    }
    case 'edit':
      return allowEdit ? normalizeEdit(body) : null;
    default:
      return null;
  }
}

function withContent(type: 'interactive' | 'order', content: Record<string, unknown> | null) {
  return content === null ? null : contentOnly(type, content);
}

function normalizeLocation(body: unknown): NormalizedContent | null {
  const latitude = readNumber(body, 'latitude');
  const longitude = readNumber(body, 'longitude');
  if (latitude === null || longitude === null) return null;
  return contentOnly('location', {
    latitude,
    longitude,
    name: readString(body, 'name'),
    address: readString(body, 'address'),
    url: readString(body, 'url'),
  });
}

/** An empty or absent emoji means the user removed their reaction (§3.7). */
function normalizeReaction(body: unknown): NormalizedContent | null {
  const target = readId(body, 'message_id');
  if (target === null) return null;
  const emoji = readString(body, 'emoji');
  return {
    ...contentOnly('reaction', { emoji: emoji === '' ? null : emoji }),
    targetProviderMessageId: target,
  };
}

/** Older payloads name the new number `new_wa_id`, some `customer` (§3.9). */
function systemContent(body: unknown, message: unknown): Record<string, unknown> {
  const identity = readRecord(message, 'identity');
  return {
    systemType: readString(body, 'type'),
    body: readString(body, 'body'),
    waId: readString(body, 'wa_id'),
    newWaId: readString(body, 'new_wa_id') ?? readString(body, 'customer'),
    userId: readString(body, 'user_id'),
    identity: identity === null ? null : (pruneJson(identity) ?? null),
  };
}

/**
 * `edit.message` is a message body of its own (`{type, [type]: …}`); its content is normalized by
 * the same rules, and an edited caption brings its media along. A new version we cannot read is
 * described the way an unsupported message is, rather than losing the edit.
 */
function normalizeEdit(body: unknown): NormalizedContent | null {
  const target = readId(body, 'original_message_id');
  const inner = readRecord(body, 'message');
  if (target === null || inner === null) return null;
  const innerType = readString(inner, 'type');
  const innerBody = innerType === null ? undefined : readField(inner, innerType);
  const edited = innerType === null ? null : normalizeContent(innerType, innerBody, inner, false);
  return {
    type: 'edit',
    content: edited
      ? { newType: edited.type, newContent: edited.content }
      : {
          newType: 'unsupported',
          newContent: unsupportedContent(innerType, [], innerBody),
        },
    media: edited?.media ?? null,
    targetProviderMessageId: target,
  };
}
