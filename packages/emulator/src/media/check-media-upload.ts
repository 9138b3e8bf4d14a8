import {
  baseMimeType,
  MEDIA_LIMITS,
  mediaKindOf,
  STICKER_ANIMATED_MAX_BYTES,
  STICKER_STATIC_MAX_BYTES,
  supportedMimeTypes,
  type MediaKind,
} from '@switchboard/whatsapp';
import { GraphError } from '../core/graph-error.js';
import { isAnimatedWebp } from './webp-animation.js';

const uploadError = (details: string) => new GraphError(131053, details);

/**
 * Checks an upload against WhatsApp's supported types and sizes (docs/whatsapp-cloud-api.md §6) and
 * returns its media kind; throws 131053 (Media upload error) as Meta does. `audio/ogg` is accepted
 * unless it names a codec other than OPUS (WhatsApp plays only OPUS; a bare `audio/ogg` is taken on
 * trust, since Meta's own webhooks label OPUS voice notes that way too).
 */
export function checkMediaUpload(input: { bytes: Buffer; mimeType: string }): MediaKind {
  const kind = mediaKindOf(input.mimeType);
  if (!kind) {
    throw uploadError(
      `Unsupported MIME type "${input.mimeType}". Supported types: ${supportedMimeTypes().join(', ')}.`,
    );
  }
  const codecs = /;\s*codecs="?([^";]+)"?/i.exec(input.mimeType)?.[1]?.toLowerCase();
  if (baseMimeType(input.mimeType) === 'audio/ogg' && codecs !== undefined && codecs !== 'opus') {
    throw uploadError(`audio/ogg is supported only with the OPUS codec; got codecs=${codecs}.`);
  }
  if (input.bytes.length === 0) throw uploadError('The uploaded file is empty.');
  const maxBytes = maxBytesFor(kind, input.bytes);
  if (input.bytes.length > maxBytes) {
    throw uploadError(
      `File size ${input.bytes.length} bytes exceeds the ${describeKind(kind, input.bytes)} limit of ${maxBytes} bytes.`,
    );
  }
  return kind;
}

function maxBytesFor(kind: MediaKind, bytes: Buffer): number {
  if (kind !== 'sticker') return MEDIA_LIMITS[kind].maxBytes;
  return isAnimatedWebp(bytes) ? STICKER_ANIMATED_MAX_BYTES : STICKER_STATIC_MAX_BYTES;
}

function describeKind(kind: MediaKind, bytes: Buffer): string {
  if (kind !== 'sticker') return kind;
  return isAnimatedWebp(bytes) ? 'animated sticker' : 'static sticker';
}
