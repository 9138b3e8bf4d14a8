import { createHash } from 'node:crypto';
import type { MediaStore } from '../core/media-store.js';
import { EmulatorInputError } from './emulator-input-error.js';
import { sampleFile, type InboundMediaKind } from './sample-media.js';

export interface InboundMediaBody {
  readonly mime_type: string;
  /** Base64 of the SHA-256 of the bytes, as in Meta's webhooks (not hex). */
  readonly sha256: string;
  readonly id: string;
  readonly url?: string;
}

/**
 * Puts the bytes of a customer's media into the media store, so the id in the webhook can be
 * fetched through `GET /{media-id}` and downloaded like real customer media, and returns the
 * webhook fields that describe it.
 */
export function storeInboundMedia(input: {
  store: MediaStore;
  phoneNumberId: string;
  kind: InboundMediaKind;
  file: { base64: string; mimeType: string; filename?: string } | undefined;
  voice?: boolean;
  /** The direct download URL for an id, when the Graph layer provides one. */
  mediaUrl?: (id: string) => string | undefined;
}): { body: InboundMediaBody; filename: string | undefined } {
  const sample = input.file ? undefined : sampleFile(input.kind, { voice: input.voice ?? true });
  const bytes = input.file ? Buffer.from(input.file.base64, 'base64') : (sample?.bytes ?? Buffer.alloc(0));
  if (bytes.length === 0) throw new EmulatorInputError('file.base64 decodes to no bytes');
  const mimeType = input.file?.mimeType ?? sample?.mimeType ?? 'application/octet-stream';
  const filename = input.file?.filename ?? sample?.filename;
  const stored = input.store.put({
    phoneNumberId: input.phoneNumberId,
    bytes,
    mimeType,
    ...(filename !== undefined && { filename }),
    kind: input.kind,
  });
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const url = input.mediaUrl?.(stored.id);
  return {
    body: { mime_type: mimeType, sha256, id: stored.id, ...(url !== undefined && { url }) },
    filename,
  };
}
