import { TEXT_BODY_MAX_LENGTH } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { sendBodyMediaId, sendToNumberBodySchema } from './send-request.js';
import {
  long,
  accepts,
  interactiveButtons,
  reply,
  row,
  interactiveList,
  template,
  bodyParameters,
  ctaUrl,
} from './send-request.test-support.js';

describe('sendMessageBodySchema: valid bodies', () => {
  it('text, with previewUrl and replyTo', () => {
    expect(accepts({ type: 'text', text: { body: 'Hi' } })).toEqual({ type: 'text', text: { body: 'Hi' } });
    expect(
      accepts({ type: 'text', text: { body: 'https://x.example', previewUrl: true }, replyTo: 'msg_1' }),
    ).toEqual({
      type: 'text',
      text: { body: 'https://x.example', previewUrl: true },
      replyTo: 'msg_1',
    });
  });

  it('counts characters as code points: 4096 emoji are a valid body', () => {
    accepts({ type: 'text', text: { body: '😀'.repeat(TEXT_BODY_MAX_LENGTH) } });
  });

  it('every media type by id or url, with the fields its type takes', () => {
    accepts({ type: 'image', media: { id: 'med_1', caption: 'A photo' } });
    accepts({ type: 'video', media: { url: 'https://cdn.example/v.mp4', caption: 'A clip' } });
    accepts({ type: 'audio', media: { id: 'med_2' }, replyTo: 'msg_1' });
    accepts({
      type: 'document',
      media: { url: 'http://cdn.example/a.pdf', caption: 'Invoice', filename: 'a.pdf' },
    });
    accepts({ type: 'sticker', media: { id: 'med_3' } });
  });

  it('location', () => {
    accepts({ type: 'location', location: { latitude: 37.758056, longitude: -122.425332 } });
    accepts({
      type: 'location',
      location: { latitude: -90, longitude: 180, name: 'META HQ', address: '1 Hacker Way' },
    });
  });

  it('contacts with every Cloud API card field', () => {
    accepts({
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'John Smith', first_name: 'John', last_name: 'Smith' },
          phones: [{ phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' }],
          emails: [{ email: 'john@example.com', type: 'WORK' }],
          urls: [{ url: 'https://example.com', type: 'WORK' }],
          addresses: [{ street: '1 Hacker Way', city: 'Menlo Park', country_code: 'us', type: 'WORK' }],
          org: { company: 'Acme', department: 'Sales', title: 'Manager' },
          birthday: '1990-08-18',
        },
      ],
    });
  });

  it('interactive button, list and cta_url', () => {
    accepts(
      interactiveButtons([reply('yes'), reply('no'), reply('later')], {
        header: { type: 'image', image: { id: 'med_1' } },
        footer: { text: 'Acme' },
      }),
    );
    accepts(
      interactiveList(
        [
          { title: 'Drinks', rows: [row('tea', { description: 'Hot' })] },
          { title: 'Food', rows: [row('cake')] },
        ],
        { header: { type: 'text', text: 'Menu' } },
      ),
    );
    accepts({
      ...ctaUrl({}),
      interactive: {
        ...ctaUrl({}).interactive,
        header: { type: 'document', document: { link: 'https://cdn.example/a.pdf', filename: 'a.pdf' } },
      },
    });
  });

  it('template with positional, named, media header and button parameters', () => {
    accepts({ type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
    accepts({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US', policy: 'deterministic' },
        components: [
          { type: 'header', parameters: [{ type: 'image', image: { id: 'med_1' } }] },
          bodyParameters([
            { type: 'text', text: 'Ana' },
            { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
            { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
          ]),
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'STOP' }],
          },
          { type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: 'A-1001' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 2,
            parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }],
          },
        ],
      },
    });
    accepts(
      template(
        [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] },
          bodyParameters([
            { type: 'text', parameter_name: 'first_name', text: 'Ana' },
            { type: 'text', parameter_name: 'promo_code', text: 'SPRING' },
          ]),
        ],
        'welcome_named',
      ),
    );
    accepts(
      template([
        { type: 'header', parameters: [{ type: 'location', location: { latitude: 1, longitude: 2 } }] },
      ]),
    );
  });

  it('reaction, and a reaction with an empty emoji (removal)', () => {
    accepts({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: '👍🏽' } });
    accepts({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: '👨‍👩‍👧' } });
    expect(accepts({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: '' } })).toEqual({
      type: 'reaction',
      reaction: { messageId: 'msg_1', emoji: '' },
    });
  });
});

describe('sendToNumberBodySchema', () => {
  it('adds to (normalized to digits), channelId and ref', () => {
    expect(
      sendToNumberBodySchema.parse({
        to: '+16505551234',
        channelId: 'ch_1',
        ref: 'CASE-1',
        type: 'text',
        text: { body: 'Hi' },
      }),
    ).toEqual({ to: '16505551234', channelId: 'ch_1', ref: 'CASE-1', type: 'text', text: { body: 'Hi' } });
    expect(
      sendToNumberBodySchema.parse({
        to: '4915112345678',
        type: 'reaction',
        reaction: { messageId: 'm', emoji: '' },
      }),
    ).toMatchObject({
      to: '4915112345678',
    });
  });

  it('refuses a number that is not E.164, a long ref and unknown keys', () => {
    const issue = (body: unknown) => sendToNumberBodySchema.safeParse(body).error!.issues[0]!;
    const text = { type: 'text', text: { body: 'Hi' } };
    for (const to of ['0049151', '+1 650 555 1234', '12345', '+0123456789', 'abc']) {
      expect(issue({ ...text, to })).toMatchObject({
        path: ['to'],
        message: 'to must be a phone number in E.164 format, such as +16505551234',
      });
    }
    expect(issue(text)).toMatchObject({ path: ['to'], message: 'to is required' });
    expect(issue({ ...text, to: '16505551234', ref: long(201) }).path).toEqual(['ref']);
    expect(issue({ ...text, to: '16505551234', phone: '1' }).message).toContain('does not take "phone"');
  });
});

describe('sendBodyMediaId', () => {
  it('finds our media id in a media body, an interactive header or a template header', () => {
    expect(sendBodyMediaId(accepts({ type: 'image', media: { id: 'med_1' } }))).toBe('med_1');
    expect(sendBodyMediaId(accepts({ type: 'image', media: { url: 'https://x.example/a.jpg' } }))).toBeNull();
    expect(
      sendBodyMediaId(
        accepts(interactiveButtons([reply('a')], { header: { type: 'video', video: { id: 'med_2' } } })),
      ),
    ).toBe('med_2');
    expect(
      sendBodyMediaId(
        accepts(
          template([{ type: 'header', parameters: [{ type: 'document', document: { id: 'med_3' } }] }]),
        ),
      ),
    ).toBe('med_3');
    expect(sendBodyMediaId(accepts({ type: 'text', text: { body: 'Hi' } }))).toBeNull();
  });
});
