import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_SERVICE_WINDOW_MS,
  DEFAULT_THROUGHPUT_MPS,
  MEDIA_LIMITS,
  STICKER_STATIC_MAX_BYTES,
  WEBHOOK_PAYLOAD_MAX_BYTES,
} from './limits.js';

describe('limits', () => {
  it('states the documented numbers', () => {
    expect(WEBHOOK_PAYLOAD_MAX_BYTES).toBe(3 * 1024 * 1024);
    expect(CUSTOMER_SERVICE_WINDOW_MS).toBe(86_400_000);
    expect(DEFAULT_THROUGHPUT_MPS).toBe(80);
    expect(MEDIA_LIMITS.image.maxBytes).toBe(5 * 1024 * 1024);
    expect(STICKER_STATIC_MAX_BYTES).toBeLessThan(MEDIA_LIMITS.sticker.maxBytes);
  });

  it('lists each MIME type under one media kind only', () => {
    const all = Object.values(MEDIA_LIMITS).flatMap((kind) => kind.mimeTypes);
    expect(new Set(all).size).toBe(all.length);
  });
});
