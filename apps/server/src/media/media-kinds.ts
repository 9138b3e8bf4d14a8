import { MEDIA_LIMITS, type MediaKind } from '@switchboard/whatsapp';

/** The largest file any WhatsApp media kind accepts (documents, 100 MB). */
export const LARGEST_MEDIA_BYTES = Math.max(...Object.values(MEDIA_LIMITS).map((l) => l.maxBytes));

export interface MediaKindMatch {
  kind: MediaKind;
  /** The type as we store and upload it: lowercase, parameters dropped except OPUS audio's codec. */
  mimeType: string;
  maxBytes: number;
}

/**
 * The WhatsApp media kind of a MIME type and its size limit (packages/whatsapp MEDIA_LIMITS), or
 * null when WhatsApp sends it as no kind. Each listed type belongs to exactly one kind; a file of
 * any kind may also be sent as a document, but its upload limit is that of its own kind.
 */
export function mediaKindOf(mimeType: string): MediaKindMatch | null {
  const [rawBase = '', ...params] = mimeType.split(';');
  const base = rawBase.trim().toLowerCase();
  for (const [kind, limits] of Object.entries(MEDIA_LIMITS) as [
    MediaKind,
    (typeof MEDIA_LIMITS)[MediaKind],
  ][]) {
    if (!limits.mimeTypes.includes(base)) continue;
    // WhatsApp takes audio/ogg with the OPUS codec only; keep the codec when the caller named it.
    const opus = base === 'audio/ogg' && params.some((p) => p.trim().toLowerCase() === 'codecs=opus');
    return { kind, mimeType: opus ? 'audio/ogg; codecs=opus' : base, maxBytes: limits.maxBytes };
  }
  return null;
}

/** Every MIME type some WhatsApp media kind accepts, for error details. */
export function supportedMimeTypes(): string[] {
  return Object.values(MEDIA_LIMITS).flatMap((l) => [...l.mimeTypes]);
}

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
};

/** A filename for media that came without one: its id and the usual extension of its type. */
export function fallbackFilename(id: string, mimeType: string): string {
  const ext = extensions[(mimeType.split(';')[0] ?? '').trim().toLowerCase()];
  return ext ? `${id}.${ext}` : id;
}
