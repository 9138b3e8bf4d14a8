import {
  CONTACTS_PER_MESSAGE_MAX,
  INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH,
  INTERACTIVE_LIMITS,
  MEDIA_CAPTION_MAX_LENGTH,
  TEMPLATE_LIMITS,
  TEXT_BODY_MAX_LENGTH,
} from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import {
  long,
  refusal,
  interactiveButtons,
  reply,
  row,
  interactiveList,
  ctaUrl,
  template,
  bodyParameters,
  card,
} from './send-request.test-support.js';

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
