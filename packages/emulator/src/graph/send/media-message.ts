import { MEDIA_CAPTION_MAX_LENGTH, type MediaKind } from '@switchboard/whatsapp';
import { checkMediaReference } from './media-reference.js';
import type { Params } from './params.js';
import type { SendContext } from './send-context.js';

/** The keys each media object takes: audio and stickers have no caption, only documents a filename. */
const MEDIA_KEYS: Readonly<Record<MediaKind, readonly string[]>> = {
  image: ['id', 'link', 'caption'],
  video: ['id', 'link', 'caption'],
  document: ['id', 'link', 'caption', 'filename'],
  audio: ['id', 'link', 'voice'],
  sticker: ['id', 'link'],
};

/** `"image":{"id"|"link","caption"?}` and its siblings for video, document, audio and sticker. */
export function checkMediaMessage(kind: MediaKind, media: Params, ctx: SendContext): void {
  media.allowOnly(MEDIA_KEYS[kind]);
  checkMediaReference(kind, media, ctx);
  media.optionalString('caption', { max: MEDIA_CAPTION_MAX_LENGTH, limitCode: 100 });
  media.optionalString('filename');
  media.optionalBoolean('voice');
}
