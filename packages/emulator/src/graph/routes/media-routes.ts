import { MEDIA_URL_TTL_MS } from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';
import type { StoredMedia } from '../../core/media-store.js';
import { checkMediaUpload } from '../../media/check-media-upload.js';
import { publicBaseUrl, queryOf, type GraphCall } from '../graph-call.js';
import type { ResolvedBusinessNumber } from '../graph-deps.js';
import { unknownObject } from '../platform-errors.js';
import { readMediaUploadForm } from './media-upload-form.js';

/**
 * `POST /{phone-number-id}/media` (multipart: `messaging_product`, `file`, optional `type`) →
 * `{"id"}`. The `type` field, when given, is the MIME type; else the file part's own.
 */
export async function uploadMedia(
  call: GraphCall,
  resolved: ResolvedBusinessNumber,
): Promise<{ id: string }> {
  const form = await readMediaUploadForm(call.request);
  const product = form.fields.get('messaging_product');
  if (product === undefined) throw new GraphError(131008, 'The parameter messaging_product is required.');
  if (product !== 'whatsapp')
    throw new GraphError(100, `Param messaging_product must be "whatsapp"; got "${product}".`);
  if (!form.file) throw new GraphError(131008, 'The parameter file is required.');
  const mimeType = form.fields.get('type') ?? form.file.mimeType;
  const kind = checkMediaUpload({ bytes: form.file.bytes, mimeType });
  const stored = call.deps.media.put({
    phoneNumberId: resolved.number.phoneNumberId,
    bytes: form.file.bytes,
    mimeType,
    filename: form.file.filename,
    kind,
  });
  return { id: stored.id };
}

/** What `GET /{media-id}` answers; `file_size` is a string as in Meta's reference and OpenAPI. */
export interface MediaInfo {
  readonly messaging_product: 'whatsapp';
  readonly url: string;
  readonly mime_type: string;
  readonly sha256: string;
  readonly file_size: string;
  readonly id: string;
}

/** `GET /{media-id}[?phone_number_id=]`: metadata and a download URL valid for five minutes. */
export function getMedia(call: GraphCall, media: StoredMedia): MediaInfo {
  checkOwner(call, media);
  const expiresAt = call.deps.clock.now() + MEDIA_URL_TTL_MS;
  return {
    messaging_product: 'whatsapp',
    url: call.signer.url(publicBaseUrl(call.deps), media.id, expiresAt),
    mime_type: media.mimeType,
    sha256: media.sha256,
    file_size: String(media.fileSize),
    id: media.id,
  };
}

/** `DELETE /{media-id}[?phone_number_id=]` → `{"success":true}`; its URLs stop working too. */
export function deleteMedia(call: GraphCall, media: StoredMedia): { success: true } {
  checkOwner(call, media);
  call.deps.media.delete(media.id);
  return { success: true };
}

/** With `phone_number_id`, Meta acts only if the media belongs to that number. */
function checkOwner(call: GraphCall, media: StoredMedia): void {
  const owner = queryOf(call.request).phone_number_id;
  if (owner !== undefined && owner !== media.phoneNumberId)
    throw unknownObject(call.request.method, media.id);
}
