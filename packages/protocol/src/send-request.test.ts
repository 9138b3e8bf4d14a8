import {
  CONTACTS_PER_MESSAGE_MAX,
  INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH,
  INTERACTIVE_LIMITS,
  MEDIA_CAPTION_MAX_LENGTH,
  TEMPLATE_LIMITS,
  TEXT_BODY_MAX_LENGTH,
} from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { sendBodyMediaId, sendMessageBodySchema, sendToNumberBodySchema } from './send-request.js';

const long = (n: number) => 'x'.repeat(n);

/** The one issue a refused body produces: its path (dotted) and message. */
function refusal(body: unknown): { path: string; message: string } {
  const result = sendMessageBodySchema.safeParse(body);
  expect(result.success, `expected ${JSON.stringify(body).slice(0, 200)} to be refused`).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

function accepts(body: unknown) {
  const result = sendMessageBodySchema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

const interactiveButtons = (buttons: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons }, ...extra },
});
const reply = (id: string, title = id) => ({ type: 'reply', reply: { id, title } });
const row = (id: string, extra: Record<string, unknown> = {}) => ({ id, title: id, ...extra });
const interactiveList = (sections: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'interactive',
  interactive: {
    type: 'list',
    body: { text: 'Choose' },
    action: { button: 'Options', sections },
    ...extra,
  },
});
const ctaUrl = (parameters: Record<string, unknown>) => ({
  type: 'interactive',
  interactive: {
    type: 'cta_url',
    body: { text: 'Track your order' },
    action: {
      name: 'cta_url',
      parameters: { display_text: 'Track', url: 'https://shop.example/t/1', ...parameters },
    },
  },
});
const template = (components: unknown[], name = 'order_update') => ({
  type: 'template',
  template: { name, language: { code: 'en_US' }, components },
});
const bodyParameters = (parameters: unknown[]) => ({ type: 'body', parameters });
const card = (extra: Record<string, unknown> = {}) => ({ name: { formatted_name: 'John Smith' }, ...extra });

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

describe('sendMessageBodySchema: refusals name the field and what is allowed', () => {
  it('a body that is not an object, or an unknown type', () => {
    expect(refusal('hi').message).toBe('The body must be a JSON object with a "type"');
    expect(refusal({ type: 'poll' })).toEqual({
      path: 'type',
      message: expect.stringContaining('type must be one of text, image'),
    });
    expect(refusal({ text: { body: 'Hi' } }).path).toBe('type');
  });

  it('unknown keys at every level', () => {
    expect(refusal({ type: 'text', text: { body: 'Hi' }, to: '1' }).message).toBe(
      'the request body does not take "to"; allowed: type, text, replyTo',
    );
    expect(refusal({ type: 'text', text: { body: 'Hi', preview_url: true } })).toEqual({
      path: 'text',
      message: 'text does not take "preview_url"; allowed: body, previewUrl',
    });
    expect(refusal(interactiveButtons([{ type: 'reply', reply: { id: 'a', title: 'A', x: 1 } }])).path).toBe(
      'interactive.action.buttons.0.reply',
    );
    expect(refusal({ type: 'contacts', contacts: [card({ nickname: 'J' })] }).path).toBe('contacts.0');
    expect(refusal(template([bodyParameters([{ type: 'text', text: 'a', extra: 1 }])])).path).toBe(
      'template.components.0.parameters.0',
    );
  });

  it('text', () => {
    expect(refusal({ type: 'text', text: { body: long(TEXT_BODY_MAX_LENGTH + 1) } })).toEqual({
      path: 'text.body',
      message: `text.body must be 1–${TEXT_BODY_MAX_LENGTH} characters`,
    });
    expect(refusal({ type: 'text', text: { body: '' } }).message).toBe(
      `text.body must be 1–${TEXT_BODY_MAX_LENGTH} characters`,
    );
    expect(refusal({ type: 'text', text: {} })).toEqual({
      path: 'text.body',
      message: 'text.body is required',
    });
    expect(refusal({ type: 'text' })).toEqual({ path: 'text', message: 'text is required' });
    expect(refusal({ type: 'text', text: { body: 'Hi', previewUrl: 'yes' } }).message).toBe(
      'text.previewUrl must be true or false',
    );
  });

  it('media: exactly one of id and url, http(s) only, caption and filename only where they belong', () => {
    expect(refusal({ type: 'image', media: { id: 'a', url: 'https://x.example/a.jpg' } })).toEqual({
      path: 'media',
      message: 'media must have exactly one of id (from POST /v1/media) or url',
    });
    expect(refusal({ type: 'image', media: {} }).path).toBe('media');
    expect(refusal({ type: 'image', media: { url: 'ftp://x.example/a.jpg' } }).message).toBe(
      'media.url must be an http:// or https:// URL',
    );
    expect(
      refusal({ type: 'image', media: { id: 'a', caption: long(MEDIA_CAPTION_MAX_LENGTH + 1) } }),
    ).toEqual({
      path: 'media.caption',
      message: `media.caption must be 1–${MEDIA_CAPTION_MAX_LENGTH} characters`,
    });
    expect(refusal({ type: 'audio', media: { id: 'a', caption: 'x' } }).message).toBe(
      'audio media does not take "caption"; allowed: id, url',
    );
    expect(refusal({ type: 'sticker', media: { id: 'a', caption: 'x' } }).message).toContain(
      'does not take "caption"',
    );
    expect(refusal({ type: 'image', media: { id: 'a', filename: 'a.jpg' } }).message).toContain(
      'does not take "filename"',
    );
    expect(refusal({ type: 'document', media: { id: 'a', filename: '' } }).message).toBe(
      'media.filename must not be empty',
    );
  });

  it('location', () => {
    expect(refusal({ type: 'location', location: { latitude: 91, longitude: 0 } })).toEqual({
      path: 'location.latitude',
      message: 'location.latitude must be a number from -90 to 90',
    });
    expect(refusal({ type: 'location', location: { latitude: 0, longitude: -181 } }).path).toBe(
      'location.longitude',
    );
    expect(refusal({ type: 'location', location: { latitude: '1', longitude: 0 } }).message).toBe(
      'location.latitude must be a number',
    );
    expect(refusal({ type: 'location', location: { longitude: 0 } }).message).toBe(
      'location.latitude is required',
    );
  });

  it('contacts', () => {
    const max = Array.from({ length: CONTACTS_PER_MESSAGE_MAX + 1 }, () => card());
    expect(refusal({ type: 'contacts', contacts: max })).toEqual({
      path: 'contacts',
      message: `contacts must have 1–${CONTACTS_PER_MESSAGE_MAX} items`,
    });
    expect(refusal({ type: 'contacts', contacts: [] }).path).toBe('contacts');
    expect(refusal({ type: 'contacts', contacts: [{ name: { first_name: 'J' } }] })).toEqual({
      path: 'contacts.0.name.formatted_name',
      message: 'contacts[].name.formatted_name is required',
    });
    expect(refusal({ type: 'contacts', contacts: [card({ phones: [{ type: 'WORK' }] })] }).message).toBe(
      'contacts[].phones[].phone is required',
    );
    expect(refusal({ type: 'contacts', contacts: [card({ birthday: '18.08.1990' })] }).message).toBe(
      'contacts[].birthday must be a date as YYYY-MM-DD',
    );
  });

  it('interactive reply buttons', () => {
    const tooMany = Array.from({ length: INTERACTIVE_LIMITS.maxButtons + 1 }, (_, i) => reply(`b${i}`));
    expect(refusal(interactiveButtons(tooMany))).toEqual({
      path: 'interactive.action.buttons',
      message: `interactive.action.buttons must have 1–${INTERACTIVE_LIMITS.maxButtons} items`,
    });
    expect(refusal(interactiveButtons([])).path).toBe('interactive.action.buttons');
    expect(
      refusal(interactiveButtons([reply('a', long(INTERACTIVE_LIMITS.buttonTitleMaxLength + 1))])),
    ).toEqual({
      path: 'interactive.action.buttons.0.reply.title',
      message: `interactive.action.buttons[].reply.title must be 1–${INTERACTIVE_LIMITS.buttonTitleMaxLength} characters`,
    });
    expect(
      refusal(interactiveButtons([reply(long(INTERACTIVE_LIMITS.buttonIdMaxLength + 1), 'A')])).path,
    ).toBe('interactive.action.buttons.0.reply.id');
    expect(refusal(interactiveButtons([reply('a', 'A'), reply('a', 'B')])).message).toBe(
      'interactive.action.buttons[].reply.id must be unique',
    );
    expect(refusal(interactiveButtons([{ type: 'url', reply: { id: 'a', title: 'A' } }])).message).toBe(
      'interactive.action.buttons[].type must be "reply"',
    );
  });

  it('interactive body, header and footer', () => {
    const ok = [reply('a')];
    expect(
      refusal({
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: long(INTERACTIVE_LIMITS.bodyMaxLength + 1) },
          action: { buttons: ok },
        },
      }),
    ).toEqual({
      path: 'interactive.body.text',
      message: `interactive.body.text must be 1–${INTERACTIVE_LIMITS.bodyMaxLength} characters`,
    });
    expect(
      refusal(
        interactiveButtons(ok, {
          header: { type: 'text', text: long(INTERACTIVE_LIMITS.headerTextMaxLength + 1) },
        }),
      ).path,
    ).toBe('interactive.header.text');
    expect(
      refusal(interactiveButtons(ok, { footer: { text: long(INTERACTIVE_LIMITS.footerMaxLength + 1) } }))
        .path,
    ).toBe('interactive.footer.text');
    expect(refusal(interactiveButtons(ok, { header: { type: 'sticker' } })).message).toBe(
      'interactive.header.type must be one of text, image, video, document',
    );
    expect(
      refusal(
        interactiveButtons(ok, {
          header: { type: 'image', image: { id: 'a', link: 'https://x.example/a' } },
        }),
      ).message,
    ).toBe('interactive.header.image must have exactly one of id (from POST /v1/media) or link');
    expect(refusal({ type: 'interactive', interactive: { type: 'product' } }).message).toBe(
      'interactive.type must be one of button, list, cta_url',
    );
  });

  it('interactive list', () => {
    const one = [{ rows: [row('a')] }];
    expect(
      refusal({
        ...interactiveList(one),
        interactive: {
          ...interactiveList(one).interactive,
          action: { button: long(INTERACTIVE_LIMITS.listButtonMaxLength + 1), sections: one },
        },
      }).path,
    ).toBe('interactive.action.button');
    const sections = Array.from({ length: INTERACTIVE_LIMITS.maxSections + 1 }, (_, i) => ({
      title: `S${i}`,
      rows: [row(`r${i}`)],
    }));
    expect(refusal(interactiveList(sections))).toEqual({
      path: 'interactive.action.sections',
      message: `interactive.action.sections must have 1–${INTERACTIVE_LIMITS.maxSections} items`,
    });
    const rows = Array.from({ length: INTERACTIVE_LIMITS.maxRows + 1 }, (_, i) => row(`r${i}`));
    expect(refusal(interactiveList([{ title: 'A', rows }])).message).toBe(
      `interactive.action.sections must hold at most ${INTERACTIVE_LIMITS.maxRows} rows in total`,
    );
    expect(
      refusal(
        interactiveList([{ title: long(INTERACTIVE_LIMITS.sectionTitleMaxLength + 1), rows: [row('a')] }]),
      ).path,
    ).toBe('interactive.action.sections.0.title');
    expect(
      refusal(interactiveList([{ rows: [row(long(INTERACTIVE_LIMITS.rowIdMaxLength + 1))] }])).path,
    ).toBe('interactive.action.sections.0.rows.0.id');
    expect(
      refusal(
        interactiveList([{ rows: [{ id: 'a', title: long(INTERACTIVE_LIMITS.rowTitleMaxLength + 1) }] }]),
      ).message,
    ).toBe(
      `interactive.action.sections[].rows[].title must be 1–${INTERACTIVE_LIMITS.rowTitleMaxLength} characters`,
    );
    expect(
      refusal(
        interactiveList([
          { rows: [row('a', { description: long(INTERACTIVE_LIMITS.rowDescriptionMaxLength + 1) })] },
        ]),
      ).path,
    ).toBe('interactive.action.sections.0.rows.0.description');
    expect(refusal(interactiveList([{ rows: [row('a')] }, { rows: [row('b')] }])).message).toBe(
      'interactive.action.sections[].title is required when there is more than one section',
    );
    expect(
      refusal(
        interactiveList([
          { title: 'A', rows: [row('a')] },
          { title: 'B', rows: [row('a')] },
        ]),
      ).message,
    ).toBe('interactive.action.sections[].rows[].id must be unique across all sections');
    expect(refusal(interactiveList(one, { header: { type: 'image', image: { id: 'a' } } }))).toEqual({
      path: 'interactive.header.type',
      message: 'interactive.header.type must be "text" in a list message',
    });
  });

  it('interactive cta_url', () => {
    expect(refusal(ctaUrl({ display_text: long(INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH + 1) }))).toEqual({
      path: 'interactive.action.parameters.display_text',
      message: `interactive.action.parameters.display_text must be 1–${INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH} characters`,
    });
    expect(refusal(ctaUrl({ url: 'javascript:alert(1)' })).message).toBe(
      'interactive.action.parameters.url must be an http:// or https:// URL',
    );
  });

  it('template', () => {
    expect(refusal(template([], 'Order Update')).message).toBe(
      'template.name may contain only lowercase letters, digits and underscores',
    );
    expect(refusal(template([], long(TEMPLATE_LIMITS.nameMaxLength + 1))).message).toBe(
      `template.name must be at most ${TEMPLATE_LIMITS.nameMaxLength} characters`,
    );
    expect(refusal({ type: 'template', template: { name: 'a', language: {} } }).message).toBe(
      'template.language.code is required',
    );
    expect(
      refusal(
        template([
          bodyParameters([{ type: 'text', text: long(TEMPLATE_LIMITS.textParameterMaxLength + 1) }]),
        ]),
      ),
    ).toEqual({
      path: 'template.components.0.parameters.0.text',
      message: `template.components[].parameters[].text must be 1–${TEMPLATE_LIMITS.textParameterMaxLength} characters`,
    });
    expect(
      refusal(
        template([
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 0,
            parameters: [{ type: 'coupon_code', coupon_code: long(TEMPLATE_LIMITS.couponCodeMaxLength + 1) }],
          },
        ]),
      ).path,
    ).toBe('template.components.0.parameters.0.coupon_code');
    expect(
      refusal(
        template([
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: String(TEMPLATE_LIMITS.maxButtons),
            parameters: [{ type: 'payload', payload: 'P' }],
          },
        ]),
      ),
    ).toEqual({
      path: 'template.components.0.index',
      message: `template.components[].index must be from 0 to ${TEMPLATE_LIMITS.maxButtons - 1}`,
    });
    expect(
      refusal(
        template([
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'payload', payload: 'P' }] },
        ]),
      ).message,
    ).toContain('must be payload for quick_reply, text for url');
    expect(
      refusal(
        template([
          bodyParameters([
            { type: 'text', parameter_name: 'first_name', text: 'Ana' },
            { type: 'text', text: 'SPRING' },
          ]),
        ]),
      ).message,
    ).toBe(
      'template.components[].parameters[].parameter_name must be given on every parameter of a component or on none',
    );
    expect(
      refusal(template([bodyParameters([{ type: 'text', parameter_name: 'First', text: 'a' }])])).path,
    ).toBe('template.components.0.parameters.0.parameter_name');
    expect(refusal(template([bodyParameters([{ type: 'image', image: { id: 'a' } }])])).message).toBe(
      'template.components[].parameters[].type must be one of text, currency, date_time in a body component',
    );
    expect(
      refusal(
        template([
          bodyParameters([{ type: 'text', text: 'a' }]),
          bodyParameters([{ type: 'text', text: 'b' }]),
        ]),
      ).message,
    ).toBe('template.components may hold one header and one body component');
    expect(
      refusal(
        template([
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'A' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: 0,
            parameters: [{ type: 'payload', payload: 'B' }],
          },
        ]),
      ).message,
    ).toBe('template.components[].index must be unique among button components');
    expect(
      refusal(
        template([
          {
            type: 'header',
            parameters: [
              { type: 'image', image: { link: 'https://x.example/a.jpg' } },
              { type: 'text', text: 'a' },
            ],
          },
        ]),
      ).message,
    ).toBe('template.components[].parameters must have exactly 1 item');
  });

  it('reaction: one emoji or "", no replyTo', () => {
    expect(refusal({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: '👍👍' } })).toEqual({
      path: 'reaction.emoji',
      message: 'reaction.emoji must be a single emoji, or "" to remove the reaction',
    });
    expect(refusal({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: 'ok' } }).path).toBe(
      'reaction.emoji',
    );
    expect(refusal({ type: 'reaction', reaction: { messageId: 'msg_1' } }).message).toBe(
      'reaction.emoji is required',
    );
    expect(refusal({ type: 'reaction', reaction: { messageId: '', emoji: '👍' } }).message).toBe(
      'reaction.messageId must not be empty',
    );
    expect(
      refusal({ type: 'reaction', reaction: { messageId: 'msg_1', emoji: '👍' }, replyTo: 'msg_2' }).message,
    ).toBe('the request body does not take "replyTo"; allowed: type, reaction');
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
