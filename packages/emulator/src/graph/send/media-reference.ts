import { mediaKindOf, type MediaKind } from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';
import type { SendContext } from './send-context.js';
import { invalidValue, type Params } from './params.js';

/**
 * Checks the `id` or `link` of a media object (a media message, an interactive header, a template
 * header parameter). An id must be media this number uploaded (or received) and of a MIME type the
 * kind accepts, else 131053 as Meta reports media problems. A `document` may carry any supported
 * file: sending a photo as a document (uncompressed) is a common, accepted use. A link must be an
 * http(s) URL; the emulator does not fetch it (real Meta would, and report failures asynchronously).
 */
export function checkMediaReference(kind: MediaKind, media: Params, ctx: SendContext): void {
  const hasId = media.has('id');
  const hasLink = media.has('link');
  if (hasId && hasLink) {
    throw new GraphError(100, `Param ${media.path} must have either id or link, not both.`);
  }
  if (!hasId && !hasLink) {
    throw new GraphError(
      131008,
      `The parameter ${media.pathOf('id')} or ${media.pathOf('link')} is required.`,
    );
  }
  if (hasLink) {
    const link = media.string('link');
    if (!isHttpUrl(link)) throw invalidValue(media.pathOf('link'), 'must be a valid http or https URL');
    return;
  }
  const id = media.string('id');
  const stored = ctx.media.get(id);
  if (!stored || stored.phoneNumberId !== ctx.phoneNumberId) {
    throw new GraphError(
      131053,
      `Media ${media.pathOf('id')} "${id}" was not found for phone number ${ctx.phoneNumberId}; upload it first.`,
    );
  }
  const storedKind = mediaKindOf(stored.mimeType);
  if (kind !== 'document' && storedKind !== kind) {
    throw new GraphError(131053, `Media ${id} is ${stored.mimeType}, which cannot be sent as ${kind}.`);
  }
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
