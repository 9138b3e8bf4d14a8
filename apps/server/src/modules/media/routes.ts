import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors/app-error.js';
import { principalOf, scopeOfRequest } from '../../http/auth.js';
import { newId } from '../../lib/ids.js';
import { MEDIA_MAX_BYTES, supportedMimeTypes } from '@switchboard/whatsapp';
import { fallbackFilename, mediaKindOf } from '../../media/media-kinds.js';
import { MediaTooLargeError, type MediaFiles } from '../../media/media-files.js';
import type { MediaRecord } from '../../media/media-records.js';
import type { Store } from '../../store/store.js';
import type { MediaLinks } from '../../media/media-links.js';
import { z } from 'zod';
import { contentDisposition, parseRange } from './http-file.js';
import { readableMedia } from './readable-media.js';
import { mediaIdParams, uploadedMediaSchema, type UploadedMedia } from './schema.js';

export interface MediaRouteDeps {
  store: Store;
  files: MediaFiles;
}

/** `GET /media-links/:id?exp&sig`: one file by a signed, expiring link (providers fetch these). */
export async function mediaLinkRoutes(
  app: FastifyInstance,
  deps: MediaRouteDeps & { links: MediaLinks },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/media-links/:id',
    {
      schema: {
        hide: true,
        params: mediaIdParams,
        querystring: z.object({ exp: z.coerce.number().int(), sig: z.string().min(1).max(100) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // An expired, altered or unknown link is a 404 like any file one may not see.
      if (!deps.links.verify(id, request.query.exp, request.query.sig)) {
        throw new AppError('not_found', 'This media link is not valid (it may have expired).');
      }
      const record = await deps.store.media.get(id);
      const located = record ? await deps.files.locate(record.path) : null;
      if (!record || !located)
        throw new AppError('not_found', 'This media link is not valid (it may have expired).');
      return reply
        .header('content-type', record.mimeType)
        .header('content-length', located.size)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(located.absolute));
    },
  );
}

// Room for the multipart framing and a few small fields around the file.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * `POST /v1/media` (multipart, field `file`) and `GET /v1/media/:id` (docs/media.md). Uploads are
 * streamed to disk while hashed and checked against WhatsApp's type and size limits per kind.
 * Downloads are served to the API key, to the agent who uploaded the file, and to agents whose
 * scope includes a conversation the media was received or sent in; to anyone else the media does
 * not exist (404, as for every scoped read).
 */
export async function mediaRoutes(app: FastifyInstance, deps: MediaRouteDeps): Promise<void> {
  const { store, files } = deps;
  // Our own byte count enforces the limit of the file's kind; busboy's limit is the backstop.
  await app.register(multipart, {
    limits: { fileSize: MEDIA_MAX_BYTES + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    throwFileSizeLimit: false,
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/media',
    {
      schema: {
        tags: ['media'],
        summary: 'Upload a file to send (multipart/form-data, field "file")',
        consumes: ['multipart/form-data'],
        response: { 200: uploadedMediaSchema },
      },
    },
    async (request) => upload(request, store, files),
  );

  typed.get(
    '/v1/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'Download a file (supports Range)',
        params: mediaIdParams,
        // The body is the file itself (any type), so no response schema is declared for 200/206.
      },
    },
    async (request, reply) => {
      const record = await readableMedia(
        store,
        principalOf(request),
        scopeOfRequest(request),
        request.params.id,
      );
      const located = await files.locate(record.path);
      if (!located) throw new AppError('internal', `The file of media ${record.id} is missing.`);
      const size = located.size;
      reply
        .header('content-type', record.mimeType)
        .header(
          'content-disposition',
          contentDisposition(record.filename ?? fallbackFilename(record.id, record.mimeType)),
        )
        .header('accept-ranges', 'bytes')
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${record.sha256}"`)
        .header('cache-control', 'private, max-age=3600');
      const range = parseRange(request.headers.range, size);
      if (range.kind === 'unsatisfiable') {
        return reply.code(416).header('content-range', `bytes */${size}`).send();
      }
      if (range.kind === 'partial') {
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', range.end - range.start + 1)
          .send(createReadStream(located.absolute, { start: range.start, end: range.end }));
      }
      return reply.header('content-length', size).send(createReadStream(located.absolute));
    },
  );
}

async function upload(request: FastifyRequest, store: Store, files: MediaFiles): Promise<UploadedMedia> {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      'Send the file as multipart/form-data, in the field "file".',
    );
  }
  const declared = Number(request.headers['content-length']);
  if (declared > MEDIA_MAX_BYTES + MULTIPART_OVERHEAD_BYTES) throw tooLarge(null, MEDIA_MAX_BYTES);
  const part = await request.file();
  if (!part) throw new AppError('validation_failed', 'No file: send it in the multipart field "file".');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new AppError(
      'validation_failed',
      `Send the file in the multipart field "file", not "${part.fieldname}".`,
    );
  }
  const match = mediaKindOf(part.mimetype);
  if (!match) {
    part.file.resume();
    throw new AppError(
      'unsupported_media_type',
      `WhatsApp sends no media of type ${part.mimetype}; give the file part one of the supported types.`,
      { mimeType: part.mimetype, supported: supportedMimeTypes() },
    );
  }
  let stored;
  try {
    stored = await files.write(part.file, match.maxBytes);
  } catch (err) {
    if (!(err instanceof MediaTooLargeError)) throw err;
    // Read the rest (busboy discards it) so the client, still sending, gets the answer.
    await drain(part.file);
    throw tooLarge(match.kind, match.maxBytes);
  }
  if (stored.size === 0) throw new AppError('validation_failed', 'The file is empty.');
  const principal = principalOf(request);
  const record: MediaRecord = {
    id: newId('med_'),
    sha256: stored.sha256,
    size: stored.size,
    mimeType: match.mimeType,
    filename: part.filename ? part.filename.slice(0, 255) : null,
    path: stored.path,
    createdBy: principal.kind === 'agent' ? principal.sub : null,
    createdAt: Date.now(),
  };
  await store.transaction((tx) => tx.media.insert(record));
  return {
    id: record.id,
    mimeType: record.mimeType,
    size: record.size,
    sha256: record.sha256,
    filename: record.filename,
  };
}

function tooLarge(kind: string | null, maxBytes: number): AppError {
  const what = kind === null ? 'WhatsApp media' : `WhatsApp ${kind} files`;
  return new AppError(
    'media_too_large',
    `The file is too large: ${what} may have at most ${maxBytes} bytes.`,
    {
      kind,
      maxBytes,
    },
  );
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  try {
    for await (const _ of stream) {
      /* discard */
    }
  } catch {
    /* the answer is an error anyway */
  }
}
