import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StoredMedia } from '../../core/media-store.js';
import { queryOf } from '../graph-call.js';
import type { GraphDeps } from '../graph-deps.js';
import type { MediaUrlSigner } from '../media-url-signer.js';

/**
 * `GET /_media/{id}?expires&signature`: the URL from `GET /{media-id}`, standing in for Meta's
 * lookaside host. The bearer token is checked before this runs (as for every Graph route); an
 * expired, forged or deleted URL answers 404, as Meta's does, so clients learn to fetch a fresh
 * URL. A single `Range` is honoured, since media clients resume large downloads.
 */
export function mediaDownloadHandler(deps: GraphDeps, signer: MediaUrlSigner) {
  return async (request: FastifyRequest<{ Params: { mediaId: string } }>, reply: FastifyReply) => {
    const media = deps.media.get(request.params.mediaId);
    if (!media || !signer.isValid(media.id, queryOf(request), deps.clock.now())) {
      return reply.code(404).type('text/plain').send('Not Found');
    }
    reply.header('content-type', media.mimeType).header('accept-ranges', 'bytes');
    if (media.filename) reply.header('content-disposition', contentDisposition(media.filename));
    const range = request.headers.range;
    if (range === undefined) return reply.send(media.bytes);
    return sendRange(reply, media, range);
  };
}

function sendRange(reply: FastifyReply, media: StoredMedia, header: string): FastifyReply {
  const size = media.bytes.length;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  const [start, end] = match ? rangeBounds(match[1] ?? '', match[2] ?? '', size) : [NaN, NaN];
  if (Number.isNaN(start) || Number.isNaN(end) || start > end || start >= size) {
    return reply.code(416).header('content-range', `bytes */${size}`).send();
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .send(media.bytes.subarray(start, end + 1));
}

/** `bytes=a-b`, `bytes=a-` and the suffix form `bytes=-n` (the last n bytes). */
function rangeBounds(first: string, last: string, size: number): [number, number] {
  if (first === '' && last === '') return [NaN, NaN];
  if (first === '') return [Math.max(0, size - Number(last)), size - 1];
  return [Number(first), last === '' ? size - 1 : Math.min(Number(last), size - 1)];
}

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
