import { MEDIA_LIMITS, type MediaKind } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../core/graph-error.js';
import { checkMediaUpload } from './check-media-upload.js';
import { isAnimatedWebp } from './webp-animation.js';

describe('checkMediaUpload', () => {
  it('classifies every supported MIME type into its kind, ignoring parameters and case', () => {
    for (const [kind, limits] of Object.entries(MEDIA_LIMITS) as [
      MediaKind,
      { mimeTypes: readonly string[] },
    ][]) {
      for (const mimeType of limits.mimeTypes) {
        expect(checkMediaUpload({ bytes: Buffer.alloc(1), mimeType: `${mimeType.toUpperCase()}; x=y` })).toBe(
          kind,
        );
      }
    }
  });

  it('refuses with 131053 what WhatsApp does not support', () => {
    const attempt = () => checkMediaUpload({ bytes: Buffer.alloc(1), mimeType: 'application/zip' });
    expect(attempt).toThrow(GraphError);
    expect(attempt).toThrow(expect.objectContaining({ code: 131053 }) as Error);
  });

  it('tells animated WebP from static', () => {
    const header = (flags: number) => {
      const bytes = Buffer.alloc(30);
      bytes.write('RIFF', 0, 'latin1');
      bytes.write('WEBPVP8X', 8, 'latin1');
      bytes[20] = flags;
      return bytes;
    };
    expect(isAnimatedWebp(header(0x02))).toBe(true);
    expect(isAnimatedWebp(header(0x10))).toBe(false);
    expect(isAnimatedWebp(Buffer.from('RIFF....WEBPVP8 simple'))).toBe(false);
  });
});
