import type { mediaMessageTypes } from '@switchboard/protocol';
import type { NormalizedContent } from './normalized-content.js';
import { readBoolean, readId, readString } from './read-json.js';

type MediaType = (typeof mediaMessageTypes)[number];

/**
 * An image, video, audio, document or sticker body (§3.2), or null when it has no media `id`
 * (without one the file cannot be fetched, so the caller keeps the message as unsupported).
 * Content holds only the keys meaningful for the type: a voice note is audio with `voice: true`,
 * an audio file has `voice: false`; stickers say whether they are animated.
 */
export function normalizeMedia(type: MediaType, body: unknown): NormalizedContent | null {
  const providerMediaId = readId(body, 'id');
  if (providerMediaId === null) return null;
  const caption = readString(body, 'caption');
  const filename = readString(body, 'filename');
  return {
    type,
    content: mediaContent(type, body, caption, filename),
    media: {
      providerMediaId,
      mimeType: readString(body, 'mime_type'),
      sha256: readString(body, 'sha256'),
      filename,
      url: readString(body, 'url'),
    },
    targetProviderMessageId: null,
  };
}

function mediaContent(
  type: MediaType,
  body: unknown,
  caption: string | null,
  filename: string | null,
): Record<string, unknown> {
  switch (type) {
    case 'image':
    case 'video':
      return { caption };
    case 'document':
      return { caption, filename };
    case 'audio':
      return { voice: readBoolean(body, 'voice') };
    case 'sticker':
      return { animated: readBoolean(body, 'animated') };
  }
}
