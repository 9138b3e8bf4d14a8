import { MEDIA_LIMITS, type MediaKind } from './limits.js';

/** `image/jpeg; charset=x` → `image/jpeg`: the part of a MIME type the media tables list. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The media kind a MIME type belongs to (its parameters ignored), or undefined when WhatsApp
 * supports it for none. Each type in `MEDIA_LIMITS` is listed under exactly one kind.
 */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
  const base = baseMimeType(mimeType);
  for (const [kind, limits] of Object.entries(MEDIA_LIMITS) as [
    MediaKind,
    (typeof MEDIA_LIMITS)[MediaKind],
  ][]) {
    if (limits.mimeTypes.includes(base)) return kind;
  }
  return undefined;
}

/** Every MIME type WhatsApp accepts for some media kind, for error details. */
export function supportedMimeTypes(): string[] {
  return Object.values(MEDIA_LIMITS).flatMap((limits) => limits.mimeTypes);
}
