import { MEDIA_MAX_BYTES } from '@switchboard/whatsapp';
// For the `isMultipart`/`parts` request decorations the multipart plugin adds.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { GraphError } from '../../core/graph-error.js';

export interface MediaUploadForm {
  readonly fields: ReadonlyMap<string, string>;
  readonly file: { readonly bytes: Buffer; readonly mimeType: string; readonly filename: string } | undefined;
}

/**
 * Reads the multipart form of `POST /{phone-number-id}/media` (fields in any order, one `file`).
 * Multipart errors become Graph errors: a file over every limit is 131053, anything else 100.
 */
export async function readMediaUploadForm(request: FastifyRequest): Promise<MediaUploadForm> {
  if (!request.isMultipart()) {
    throw new GraphError(
      100,
      'Upload media as multipart/form-data with the fields messaging_product, file and type.',
    );
  }
  const fields = new Map<string, string>();
  let file: MediaUploadForm['file'];
  try {
    for await (const part of request.parts({
      // Bigger files than any media kind accepts are cut off while streaming.
      limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 20 },
    })) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
      } else if (part.fieldname === 'file') {
        file = { bytes: await part.toBuffer(), mimeType: part.mimetype, filename: part.filename };
      } else {
        part.file.resume();
        throw new GraphError(100, `Unexpected file field "${part.fieldname}"; send the media as "file".`);
      }
    }
  } catch (error) {
    throw asGraphError(error);
  }
  return { fields, file };
}

function asGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new GraphError(
      131053,
      `The file exceeds the largest size WhatsApp accepts (${MEDIA_MAX_BYTES} bytes).`,
    );
  }
  return new GraphError(100, `Invalid multipart upload: ${(error as Error).message}`);
}
