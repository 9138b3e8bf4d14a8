import type { WebhookMessage } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { from, inbound, normalizeMessageOf, normalizeOne } from './test-payloads.js';

const sha256 = 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=';

describe('normalizeMetaWebhook: media messages', () => {
  it('image with caption and download url', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'image',
      image: {
        caption: 'Taj Mahal',
        mime_type: 'image/jpeg',
        sha256,
        id: '1003383421387256',
        url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
      },
    });
    expect(m.type).toBe('image');
    expect(m.content).toEqual({ caption: 'Taj Mahal' });
    expect(m.media).toEqual({
      providerMediaId: '1003383421387256',
      mimeType: 'image/jpeg',
      sha256,
      filename: null,
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
    });
  });

  it('video without caption (older payloads have no url)', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'video',
      video: { mime_type: 'video/mp4', sha256, id: '765756756' },
    });
    expect(m.content).toEqual({ caption: null });
    expect(m.media).toMatchObject({ providerMediaId: '765756756', mimeType: 'video/mp4', url: null });
  });

  it('voice note versus audio file', () => {
    const voice = normalizeMessageOf({
      ...from(),
      type: 'audio',
      audio: { mime_type: 'audio/ogg; codecs=opus', sha256, id: '111', voice: true },
    });
    const file = normalizeMessageOf({
      ...from(),
      type: 'audio',
      audio: { mime_type: 'audio/mpeg', sha256, id: '222' },
    });
    expect(voice.content).toEqual({ voice: true });
    expect(voice.media?.mimeType).toBe('audio/ogg; codecs=opus');
    expect(file.content).toEqual({ voice: false });
    expect(file.media?.providerMediaId).toBe('222');
  });

  it('document with filename', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'document',
      document: {
        caption: 'Invoice',
        filename: 'invoice.pdf',
        mime_type: 'application/pdf',
        sha256,
        id: '333',
      },
    });
    expect(m.content).toEqual({ caption: 'Invoice', filename: 'invoice.pdf' });
    expect(m.media).toMatchObject({ providerMediaId: '333', filename: 'invoice.pdf' });
  });

  it('static and animated stickers', () => {
    const still = normalizeMessageOf({
      ...from(),
      type: 'sticker',
      sticker: { mime_type: 'image/webp', sha256, id: '4', animated: false },
    });
    const moving = normalizeMessageOf({
      ...from(),
      type: 'sticker',
      sticker: { mime_type: 'image/webp', sha256, id: '5', animated: true },
    });
    expect(still.content).toEqual({ animated: false });
    expect(moving.content).toEqual({ animated: true });
    expect(moving.media?.providerMediaId).toBe('5');
  });

  it('a media message without an id is kept as unsupported', () => {
    const { batch, message: m } = normalizeOne(
      inbound({
        ...from(),
        type: 'image',
        image: { mime_type: 'image/jpeg', sha256 },
      } as unknown as WebhookMessage),
    );
    expect(m.type).toBe('unsupported');
    expect(m.content).toEqual({
      originalType: 'image',
      errors: [],
      raw: { mime_type: 'image/jpeg', sha256 },
    });
    expect(m.media).toBeNull();
    expect(batch.problems).toHaveLength(1);
  });
});
