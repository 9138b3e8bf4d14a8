import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS, MEDIA_MAX_BYTES } from './limits.js';
import { baseMimeType, mediaKindOf, supportedMimeTypes } from './media-types.js';

describe('media types', () => {
  it('finds the kind of a MIME type, ignoring case and parameters', () => {
    expect(baseMimeType(' Image/JPEG; charset=x')).toBe('image/jpeg');
    expect(mediaKindOf('image/png')).toBe('image');
    expect(mediaKindOf('audio/ogg; codecs=opus')).toBe('audio');
    expect(mediaKindOf('image/webp')).toBe('sticker');
    expect(mediaKindOf('application/zip')).toBeUndefined();
  });

  it('lists every supported type and takes the largest size of any kind', () => {
    expect(supportedMimeTypes()).toContain('application/pdf');
    expect(MEDIA_MAX_BYTES).toBe(MEDIA_LIMITS.document.maxBytes);
  });
});
