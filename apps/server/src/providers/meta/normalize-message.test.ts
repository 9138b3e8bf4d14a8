import type { WebhookMessage } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { normalizeMetaWebhook } from './normalize-webhook.js';
import {
  customerWaId,
  displayPhoneNumber,
  fixedNow,
  from,
  inbound,
  normalizeMessageOf,
  normalizeOne,
  wamid,
} from './test-payloads.js';

const text = { type: 'text', text: { body: 'hello' } } as const;

describe('normalizeMetaWebhook: messages', () => {
  it('text, with the common fields', () => {
    const id = wamid();
    const { batch, message: m } = normalizeOne(
      inbound({ ...from(id, '1749416383'), type: 'text', text: { body: 'Does it come in another color?' } }),
    );
    expect(batch.problems).toEqual([]);
    expect(batch.changes[0]!.contacts).toEqual([
      { waId: customerWaId, userId: null, parentUserId: null, username: null, profileName: 'Sheena Nelson' },
    ]);
    expect(m).toEqual({
      providerMessageId: id,
      from: { waId: customerWaId, userId: null },
      timestamp: 1_749_416_383_000,
      type: 'text',
      content: { body: 'Does it come in another color?' },
      media: null,
      context: null,
      forwarded: false,
      frequentlyForwarded: false,
      referral: null,
      targetProviderMessageId: null,
    });
  });

  it('BSUID-era sender: from_user_id, contacts with user ids and username', () => {
    const payload = inbound(
      {
        from_user_id: 'US.13491208655302741918',
        id: wamid(),
        timestamp: '1750000000',
        type: 'text',
        text: { body: 'hi' },
      },
      [
        {
          profile: { name: 'Ana', username: 'ana.b' },
          user_id: 'US.13491208655302741918',
          parent_user_id: 'US.ENT.11815799212886844830',
        },
      ],
    );
    const { batch, message: m } = normalizeOne(payload);
    expect(m.from).toEqual({ waId: null, userId: 'US.13491208655302741918' });
    expect(batch.changes[0]!.contacts[0]).toEqual({
      waId: null,
      userId: 'US.13491208655302741918',
      parentUserId: 'US.ENT.11815799212886844830',
      username: 'ana.b',
      profileName: 'Ana',
    });
  });

  it('unsupported, with its errors and the original type', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'unsupported',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          error_data: { details: 'Message type is currently not supported.' },
        },
      ],
      unsupported: { type: 'poll_creation' },
    });
    expect(m.type).toBe('unsupported');
    expect(m.content).toEqual({
      originalType: 'poll_creation',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          details: 'Message type is currently not supported.',
          retryable: false,
        },
      ],
      raw: { type: 'poll_creation' },
    });
  });

  it.each([
    ['unknown (legacy)', { type: 'unknown' }, 'unknown', null],
    ['a new type', { type: 'request_welcome' }, 'request_welcome', null],
    ['a type with a body', { type: 'poll', poll: { q: 'ok?' } }, 'poll', { q: 'ok?' }],
    ['no type at all', {}, null, null],
    ['a prototype key as type', { type: 'constructor' }, 'constructor', null],
    [
      'a known type with the wrong body',
      { type: 'text', text: ['not', 'an', 'object'] },
      'text',
      ['not', 'an', 'object'],
    ],
  ])('%s becomes unsupported and is kept', (_name, parts, originalType, raw) => {
    const m = normalizeOne(inbound({ ...from(), ...parts } as unknown as WebhookMessage)).message;
    expect(m.type).toBe('unsupported');
    expect(m.content).toEqual({ originalType, errors: [], raw });
  });

  it('a reply carries the quoted message in context', () => {
    const quoted = wamid();
    const m = normalizeMessageOf({ ...from(), ...text, context: { from: customerWaId, id: quoted } });
    expect(m.context).toEqual({ providerMessageId: quoted, from: customerWaId, referredProduct: null });
    expect(m.forwarded).toBe(false);
  });

  it('a product inquiry carries the referred product', () => {
    const quoted = wamid();
    const m = normalizeMessageOf({
      ...from(),
      type: 'text',
      text: { body: 'Is this still available?' },
      context: {
        from: displayPhoneNumber,
        id: quoted,
        referred_product: { catalog_id: '194836987003835', product_retailer_id: 'di9ozbzfi4' },
      },
    });
    expect(m.context).toEqual({
      providerMessageId: quoted,
      from: displayPhoneNumber,
      referredProduct: { catalogId: '194836987003835', productRetailerId: 'di9ozbzfi4' },
    });
  });

  it('forwarded and frequently forwarded, which are not replies', () => {
    const once = normalizeMessageOf({ ...from(), ...text, context: { forwarded: true } });
    expect(once).toMatchObject({ context: null, forwarded: true, frequentlyForwarded: false });
    const often = normalizeMessageOf({ ...from(), ...text, context: { frequently_forwarded: true } });
    expect(often).toMatchObject({ context: null, forwarded: true, frequentlyForwarded: true });
    const video = normalizeMessageOf({
      ...from(),
      type: 'video',
      video: { mime_type: 'video/mp4', sha256: 'x', id: '9' },
      context: { forwarded: true },
    });
    expect(video).toMatchObject({ type: 'video', forwarded: true });
  });

  it('a Click-to-WhatsApp referral', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'text',
      text: { body: 'Hello! Can I get more info on this?' },
      referral: {
        source_url: 'https://fb.me/3cr4Wqqkv',
        source_id: '120226305854810726',
        source_type: 'ad',
        body: 'Summer Succulents are here!',
        headline: 'Chat with us',
        media_type: 'video',
        video_url: 'https://example.com/video.mp4',
        thumbnail_url: 'https://example.com/thumbnail.jpg',
        ctwa_clid: 'Aff-n8ZTODiE79d22KtAwQKj9e',
        welcome_message: { text: 'Hi there! Let us know how we can help!' },
      },
    });
    expect(m.referral).toEqual({
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      sourceId: '120226305854810726',
      sourceType: 'ad',
      headline: 'Chat with us',
      body: 'Summer Succulents are here!',
      mediaType: 'video',
      imageUrl: null,
      videoUrl: 'https://example.com/video.mp4',
      thumbnailUrl: 'https://example.com/thumbnail.jpg',
      ctwaClid: 'Aff-n8ZTODiE79d22KtAwQKj9e',
      welcomeMessage: 'Hi there! Let us know how we can help!',
    });
  });

  it.each([undefined, '', 'yesterday', '-5', null, {}, 1e20])(
    'a timestamp of %j falls back to the clock',
    (timestamp) => {
      const m = normalizeOne(inbound({ ...from(), ...text, timestamp } as unknown as WebhookMessage)).message;
      expect(m.timestamp).toBe(fixedNow);
    },
  );

  it('a message without a string id is skipped with a problem, the others are kept', () => {
    const good = wamid();
    const payload = inbound({ ...from(), ...text, id: 42 } as unknown as WebhookMessage);
    const messages = payload.entry[0]!.changes[0]!.value.messages as unknown[];
    messages.push({ ...from(good), ...text }, { ...text, from: customerWaId });
    const batch = normalizeMetaWebhook(payload);
    expect(batch.changes[0]!.messages.map((m) => m.providerMessageId)).toEqual([good]);
    expect(batch.problems).toEqual([
      'entry[0].changes[0]: value.messages[0]: message without a string id; skipped',
      'entry[0].changes[0]: value.messages[2]: message without a string id; skipped',
    ]);
  });
});
