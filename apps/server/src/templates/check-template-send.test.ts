import { sendMessageBodySchema } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import type { StoredTemplate } from '../store/store.js';
import { checkTemplateSend, type TemplateSendObject } from './check-template-send.js';

function template(overrides: Partial<StoredTemplate> & { components: unknown[] }): StoredTemplate {
  return {
    channelId: 'ch_1',
    name: 'order_update',
    language: 'en_US',
    providerTemplateId: '123',
    status: 'APPROVED',
    category: 'UTILITY',
    parameterFormat: 'POSITIONAL',
    syncedAt: 0,
    ...overrides,
  };
}

/** A send as the API accepts it: parsed by the real send body schema. */
function send(components?: unknown[], name = 'order_update', code = 'en_US'): TemplateSendObject {
  const body = sendMessageBodySchema.parse({
    type: 'template',
    template: { name, language: { code }, ...(components && { components }) },
  });
  if (body.type !== 'template') throw new Error('not a template body');
  return body.template;
}

const check = (definition: StoredTemplate | null, sent: TemplateSendObject) =>
  checkTemplateSend(definition, sent, { name: sent.name, language: sent.language.code });

const text = (value: string, parameterName?: string) => ({
  type: 'text',
  text: value,
  ...(parameterName && { parameter_name: parameterName }),
});
const body = (...parameters: unknown[]) => ({ type: 'body', parameters });
const header = (parameter: unknown) => ({ type: 'header', parameters: [parameter] });
const image = { type: 'image', image: { link: 'https://example.com/a.png' } };

const positional = template({
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships {{1}} today.' },
    { type: 'FOOTER', text: 'Shop' },
  ],
});
const named = template({
  parameterFormat: 'NAMED',
  components: [{ type: 'BODY', text: 'Hi {{first_name}}, order {{order_id}} is ready.' }],
});

describe('checkTemplateSend: the template itself', () => {
  it('refuses a template that is not synced and says how to sync', () => {
    const problems = checkTemplateSend(null, send(), { name: 'order_update', language: 'de' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('template order_update (de) is not synced');
    expect(problems[0]).toContain('POST /v1/templates/sync');
  });

  it('accepts a template without variables sent without components (hello_world)', () => {
    const hello = template({
      name: 'hello_world',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
        { type: 'BODY', text: 'Welcome and congratulations!!' },
        { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
      ],
    });
    expect(check(hello, send(undefined, 'hello_world'))).toEqual([]);
  });

  it.each(['PENDING', 'REJECTED', 'PAUSED', 'DISABLED'])('refuses a %s template', (status) => {
    const problems = check(template({ status, components: [] }), send());
    expect(problems).toEqual([expect.stringContaining(`order_update (en_US) is ${status}`)]);
    expect(problems[0]).toContain('only APPROVED templates can be sent');
  });

  it('names a language or name that differs from the synced template', () => {
    const definition = template({ components: [] });
    expect(check(definition, send(undefined, 'order_update', 'en_GB'))).toEqual([
      "template language: expected en_US (the synced template's), given en_GB",
    ]);
    expect(check(definition, send(undefined, 'order_updates'))).toEqual([
      "template name: expected order_update (the synced template's), given order_updates",
    ]);
  });

  it('reports every problem at once', () => {
    const problems = check({ ...positional, status: 'PAUSED' }, send([body(text('Ann'))]));
    expect(problems).toHaveLength(3);
  });
});

describe('checkTemplateSend: positional parameters', () => {
  it('accepts one parameter per distinct placeholder, in header and body', () => {
    expect(check(positional, send([header(text('A-1')), body(text('Ann'), text('A-1'))]))).toEqual([]);
  });

  it('counts the body parameters', () => {
    expect(check(positional, send([header(text('A-1')), body(text('Ann'))]))).toEqual([
      'body: expected 2 parameters ({{1}}, {{2}}), given 1',
    ]);
    expect(check(positional, send([header(text('A-1'))]))).toEqual([
      'body: expected 2 parameters ({{1}}, {{2}}), given 0',
    ]);
    expect(check(positional, send([header(text('A-1')), body(text('a'), text('b'), text('c'))]))).toEqual([
      'body: expected 2 parameters ({{1}}, {{2}}), given 3',
    ]);
  });

  it('refuses parameter_name on a POSITIONAL template', () => {
    expect(check(positional, send([header(text('A-1')), body(text('Ann', 'a'), text('A-1', 'b'))]))).toEqual([
      'body: the template uses POSITIONAL parameters ({{1}}, {{2}}, …), so parameter_name is not allowed; given a, b',
    ]);
  });

  it('accepts currency and date_time parameters in the body', () => {
    const currency = { type: 'currency', currency: { fallback_value: '$1', code: 'USD', amount_1000: 1000 } };
    const dateTime = { type: 'date_time', date_time: { fallback_value: 'Monday' } };
    expect(check(positional, send([header(text('A-1')), body(currency, dateTime)]))).toEqual([]);
  });

  it('refuses a body for a template without body variables, and a body the template lacks', () => {
    const plain = template({ components: [{ type: 'BODY', text: 'Thanks!' }] });
    expect(check(plain, send([body(text('x'))]))).toEqual([
      "body: the template's body has no variables; expected no body component, given 1 parameter",
    ]);
    const headerOnly = template({ components: [{ type: 'HEADER', format: 'IMAGE' }] });
    expect(check(headerOnly, send([header(image), body(text('x'))]))).toEqual([
      'body: the template has no body; remove the body component',
    ]);
  });
});

describe('checkTemplateSend: named parameters', () => {
  it('accepts exactly the names of the placeholders, in any order', () => {
    expect(check(named, send([body(text('A-1', 'order_id'), text('Ann', 'first_name'))]))).toEqual([]);
  });

  it('names missing, unknown and repeated parameters', () => {
    expect(check(named, send([body(text('Ann', 'first_name'))]))).toEqual([
      'body: expected the parameters {{first_name}}, {{order_id}}, given first_name (missing order_id)',
    ]);
    expect(check(named, send([body(text('Ann', 'first_name'), text('A-1', 'order'))]))).toEqual([
      'body: expected the parameters {{first_name}}, {{order_id}}, given first_name, order (missing order_id; unknown order)',
    ]);
    expect(
      check(
        named,
        send([body(text('Ann', 'first_name'), text('A-1', 'order_id'), text('Bo', 'first_name'))]),
      ),
    ).toEqual([
      'body: expected the parameters {{first_name}}, {{order_id}}, given first_name, order_id, first_name (repeated first_name)',
    ]);
  });

  it('requires parameter_name on every parameter', () => {
    expect(check(named, send([body(text('Ann'), text('A-1'))]))).toEqual([
      'body: the template uses NAMED parameters, so every parameter needs a parameter_name; expected {{first_name}}, {{order_id}}, given 2 parameters without one',
    ]);
  });

  it('requires the named body parameters when the body component is missing', () => {
    expect(check(named, send())).toEqual([
      'body: expected the parameters {{first_name}}, {{order_id}}, given none (missing first_name, order_id)',
    ]);
  });

  it('treats names as NAMED when the provider did not list parameter_format', () => {
    const unlisted = { ...named, parameterFormat: null };
    expect(check(unlisted, send([body(text('Ann', 'first_name'), text('A-1', 'order_id'))]))).toEqual([]);
    expect(check(unlisted, send([body(text('Ann'), text('A-1'))]))[0]).toContain('NAMED');
  });

  it('matches a named text header by name', () => {
    const withHeader = template({
      parameterFormat: 'NAMED',
      components: [{ type: 'HEADER', format: 'TEXT', text: 'For {{customer}}' }],
    });
    expect(check(withHeader, send([header(text('Ann', 'customer'))]))).toEqual([]);
    expect(check(withHeader, send([header(text('Ann', 'client'))]))).toEqual([
      'header: expected the parameters {{customer}}, given client (missing customer; unknown client)',
    ]);
  });
});

describe('checkTemplateSend: headers', () => {
  it('needs a text parameter for a TEXT header with a variable', () => {
    expect(check(positional, send([body(text('Ann'), text('A-1'))]))).toEqual([
      'header: expected 1 parameter ({{1}}), given 0',
    ]);
    expect(check(positional, send([header(image), body(text('Ann'), text('A-1'))]))).toEqual([
      'header: parameter 1 must be of type text, given image',
    ]);
  });

  it('refuses a header component where the template has none or a fixed text header', () => {
    expect(
      check(named, send([header(text('x')), body(text('Ann', 'first_name'), text('A-1', 'order_id'))])),
    ).toEqual(['header: the template has no header; remove the header component']);
    const fixed = template({ components: [{ type: 'HEADER', format: 'TEXT', text: 'Hello' }] });
    expect(check(fixed, send([header(text('x'))]))).toEqual([
      "header: the template's TEXT header has no variables; expected no header component, given 1 parameter",
    ]);
  });

  it.each([
    ['IMAGE', image, 'an image parameter'],
    ['VIDEO', { type: 'video', video: { id: 'med_1' } }, 'a video parameter'],
    [
      'DOCUMENT',
      { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } },
      'a document parameter',
    ],
    ['LOCATION', { type: 'location', location: { latitude: 1, longitude: 2 } }, 'a location parameter'],
  ])('needs the media of %s headers', (format, parameter, wanted) => {
    const media = template({
      components: [
        { type: 'HEADER', format },
        { type: 'BODY', text: 'Your file' },
      ],
    });
    expect(check(media, send([header(parameter)]))).toEqual([]);
    const article = format === 'IMAGE' ? 'an' : 'a';
    expect(check(media, send())).toEqual([
      `header: the template has ${article} ${format} header; expected ${wanted}, given none`,
    ]);
    const other = format === 'IMAGE' ? text('x') : image;
    expect(check(media, send([header(other)]))).toEqual([
      `header: the template has ${article} ${format} header; expected ${wanted}, given ${format === 'IMAGE' ? 'a text' : 'an image'} parameter`,
    ]);
  });
});

describe('checkTemplateSend: buttons', () => {
  const withButtons = template({
    components: [
      { type: 'BODY', text: 'Your order is on its way.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop' },
          { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}' },
          { type: 'URL', text: 'Shop', url: 'https://example.com/' },
          { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550000000' },
          { type: 'COPY_CODE', example: 'SAVE10' },
        ],
      },
    ],
  });
  const url = (index: number | string, suffix = 'A-1') => ({
    type: 'button',
    sub_type: 'url',
    index,
    parameters: [text(suffix)],
  });
  const quickReply = (index: number | string, payload = 'STOP') => ({
    type: 'button',
    sub_type: 'quick_reply',
    index,
    parameters: [{ type: 'payload', payload }],
  });
  const copyCode = (index: number | string) => ({
    type: 'button',
    sub_type: 'copy_code',
    index,
    parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
  });

  it('accepts the URL suffix and the code, with or without a quick-reply payload', () => {
    expect(check(withButtons, send([url('1'), copyCode(4)]))).toEqual([]);
    expect(check(withButtons, send([quickReply('0'), url(1), copyCode('4')]))).toEqual([]);
  });

  it('needs the URL suffix of a URL button with a variable, and the code of a copy-code button', () => {
    expect(check(withButtons, send())).toEqual([
      'button at index 1 (URL): expected a button component with sub_type url, index 1 and one text parameter (the URL suffix for {{1}}), given none',
      'button at index 4 (COPY_CODE): expected a button component with sub_type copy_code, index 4 and one coupon_code parameter (the code), given none',
    ]);
  });

  it('refuses parameters for buttons that take none', () => {
    expect(check(withButtons, send([url(1), url(2), copyCode(4)]))).toEqual([
      'button at index 2 (URL): takes no parameters; remove this button component',
    ]);
    expect(check(withButtons, send([url(1), url(3), copyCode(4)]))).toEqual([
      'button at index 3 (PHONE_NUMBER): takes no parameters; remove this button component',
    ]);
  });

  it('checks the sub_type against the button at that index', () => {
    expect(check(withButtons, send([url(0), url(1), copyCode(4)]))).toEqual([
      'button at index 0 (QUICK_REPLY): expected sub_type quick_reply, given url',
    ]);
    expect(check(withButtons, send([quickReply(1), copyCode(4)]))).toEqual([
      'button at index 1 (URL): expected sub_type url, given quick_reply',
    ]);
  });

  it('refuses an index past the last button', () => {
    expect(check(withButtons, send([url(1), copyCode(4), quickReply(5)]))).toEqual([
      'button at index 5: the template has 5 buttons (index 0–4); remove this button component',
    ]);
    const noButtons = template({ components: [{ type: 'BODY', text: 'Hi' }] });
    expect(check(noButtons, send([quickReply(0)]))).toEqual([
      'button at index 0: the template has 0 buttons; remove this button component',
    ]);
  });

  it('takes the one-time code of an authentication template as a url button', () => {
    const otp = template({
      category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', text: '{{1}} is your verification code.' },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    });
    expect(check(otp, send([body(text('123456')), url(0, '123456')]))).toEqual([]);
    expect(check(otp, send([body(text('123456'))]))).toEqual([
      'button at index 0 (OTP): expected a button component with sub_type url, index 0 and one text parameter (the one-time code), given none',
    ]);
  });
});
