import {
  baseMimeType,
  MEDIA_LIMITS,
  mediaKindOf as whatsAppMediaKindOf,
  type MediaKind,
} from '@switchboard/whatsapp';

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
  const kind = whatsAppMediaKindOf(mimeType);
  if (kind === undefined) return null;
  const base = baseMimeType(mimeType);
  const params = mimeType.split(';').slice(1);
  // WhatsApp takes audio/ogg with the OPUS codec only; keep the codec when the caller named it.
  const opus = base === 'audio/ogg' && params.some((p) => p.trim().toLowerCase() === 'codecs=opus');
  return { kind, mimeType: opus ? 'audio/ogg; codecs=opus' : base, maxBytes: MEDIA_LIMITS[kind].maxBytes };
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
  const ext = extensions[baseMimeType(mimeType)];
  return ext ? `${id}.${ext}` : id;
}
