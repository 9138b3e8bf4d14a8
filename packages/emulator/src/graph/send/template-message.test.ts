import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  message,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';
import { TEST_TEMPLATES } from '../test-support/template-fixtures.js';

const text = (value: string, name?: string) => ({
  type: 'text',
  text: value,
  ...(name ? { parameter_name: name } : {}),
});
const image = { type: 'image', image: { link: 'https://cdn.example.com/p.jpg' } };
const orderBody = [text('Ana'), text('A-1'), text('$5'), text('Monday')];
const trackButton = { type: 'button', sub_type: 'url', index: '1', parameters: [text('A-1')] };

/** A send of `order_update` with the given components replaced. */
function orderUpdate(components: { header?: unknown; body?: unknown; buttons?: unknown[] } = {}) {
  return {
    name: 'order_update',
    language: { code: 'en_US' },
    components: [
      ...(components.header === null ? [] : [{ type: 'header', parameters: components.header ?? [image] }]),
      ...(components.body === null ? [] : [{ type: 'body', parameters: components.body ?? orderBody }]),
      ...(components.buttons ?? [trackButton]),
    ],
  };
}

describe('template sends', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp({ templates: TEST_TEMPLATES });
  });
  afterEach(async () => {
    await t.app.close();
  });
  const send = (template: unknown) => t.send(message('template', { template }));

  it('sends hello_world without parameters and answers message_status accepted', async () => {
    const response = await send({ name: 'hello_world', language: { code: 'en_US' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().messages[0].message_status).toBe('accepted');
  });

  it('sends a positional template, with a header image by id and a numeric button index', async () => {
    const header = [{ type: 'image', image: { id: t.storeMedia('image/png') } }];
    const response = await send(orderUpdate({ header, buttons: [{ ...trackButton, index: 1 }] }));
    expect(response.statusCode, response.body).toBe(200);
  });

  it.each([
    [
      'an unknown name',
      { name: 'hello_wrld', language: { code: 'en_US' } },
      'template name (hello_wrld) does not exist in en_US',
    ],
    ['a language it lacks', { name: 'hello_world', language: { code: 'pt_BR' } }, 'does not exist in pt_BR'],
    ['a template pending review', { name: 'pending_promo', language: { code: 'en_US' } }, 'PENDING'],
  ])('answers 132001 (HTTP 404) for %s', async (_case, template, details) => {
    expectGraphError(await send(template), 132001, details, 404);
  });

  it('answers 132015 for a paused template and 132016 for a disabled one', async () => {
    expectGraphError(
      await send({ name: 'paused_promo', language: { code: 'en_US' } }),
      132015,
      'paused',
      400,
    );
    expectGraphError(
      await send({ name: 'disabled_promo', language: { code: 'en_US' } }),
      132016,
      'disabled',
      400,
    );
    t.templates.setStatus('102290129340398', 'paused_promo', 'en_US', 'APPROVED');
    expect((await send({ name: 'paused_promo', language: { code: 'en_US' } })).statusCode).toBe(200);
  });

  it.each([
    [
      'too few body parameters',
      orderUpdate({ body: orderBody.slice(0, 3) }),
      'body: number of localizable_params (3) does not match the expected number of params (4)',
    ],
    [
      'too many body parameters',
      orderUpdate({ body: [...orderBody, text('x')] }),
      'body: number of localizable_params (5)',
    ],
    ['no body component', orderUpdate({ body: null }), 'body: number of localizable_params (0)'],
    [
      'no header parameter for a media header',
      orderUpdate({ header: null }),
      'header: number of localizable_params (0) does not match the expected number of params (1)',
    ],
    [
      'no parameter for the dynamic URL button',
      orderUpdate({ buttons: [] }),
      'button at index 1 (URL): number of params (0)',
    ],
    [
      'two payloads on a quick reply',
      orderUpdate({
        buttons: [
          trackButton,
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [
              { type: 'payload', payload: 'a' },
              { type: 'payload', payload: 'b' },
            ],
          },
        ],
      }),
      'button at index 0 (QUICK_REPLY)',
    ],
    [
      'a parameter for the phone button',
      orderUpdate({
        buttons: [trackButton, { type: 'button', sub_type: 'url', index: '2', parameters: [text('x')] }],
      }),
      'button at index 2 (PHONE_NUMBER)',
    ],
    [
      'header parameters on a template without variables',
      {
        name: 'hello_world',
        language: { code: 'en_US' },
        components: [{ type: 'header', parameters: [text('x')] }],
      },
      'header: number of localizable_params (1) does not match the expected number of params (0)',
    ],
    [
      'body parameters on hello_world',
      {
        name: 'hello_world',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [text('x')] }],
      },
      'body: number of localizable_params (1)',
    ],
    [
      'no coupon for a copy-code button',
      { name: 'spring_sale', language: { code: 'en_US' } },
      'button at index 0 (COPY_CODE)',
    ],
  ])('answers 132000 for %s', async (_case, template, details) => {
    expectGraphError(await send(template), 132000, details, 400);
  });

  it.each([
    [
      'a video for an image header',
      orderUpdate({ header: [{ type: 'video', video: { link: 'https://a.b/v.mp4' } }] }),
      'header: Format mismatch, expected IMAGE, received VIDEO',
    ],
    ['text for an image header', orderUpdate({ header: [text('x')] }), 'expected IMAGE, received TEXT'],
    [
      'an image as a body parameter',
      orderUpdate({ body: [image, ...orderBody.slice(1)] }),
      'body: Format mismatch, expected TEXT, received IMAGE',
    ],
    [
      'named parameters for a positional template',
      orderUpdate({ body: orderBody.map((p, i) => ({ ...p, parameter_name: `p${i}` })) }),
      'uses POSITIONAL parameters',
    ],
    [
      'a url sub_type for a quick reply',
      orderUpdate({
        buttons: [trackButton, { type: 'button', sub_type: 'url', index: '0', parameters: [text('x')] }],
      }),
      'expected sub_type quick_reply, received url',
    ],
    [
      'a text parameter on a quick reply',
      orderUpdate({
        buttons: [
          trackButton,
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [text('x')] },
        ],
      }),
      'expected PAYLOAD, received TEXT',
    ],
  ])('answers 132012 for %s', async (_case, template, details) => {
    expectGraphError(await send(template), 132012, details, 400);
  });

  describe('named parameters', () => {
    const welcome = (header: unknown[], body: unknown[]) => ({
      name: 'welcome_named',
      language: { code: 'en' },
      components: [
        { type: 'header', parameters: header },
        { type: 'body', parameters: body },
      ],
    });
    const header = [text('Ana', 'first_name')];

    it('matches parameters by name, in any order', async () => {
      const body = [text('CODE', 'promo_code'), text('Ana', 'first_name')];
      expect((await send(welcome(header, body))).statusCode).toBe(200);
    });

    it('answers 132012 for positional parameters and 132000 for unknown or repeated names', async () => {
      expectGraphError(
        await send(welcome(header, [text('Ana'), text('CODE')])),
        132012,
        'every parameter needs a parameter_name',
      );
      const unknown = [text('Ana', 'first_name'), text('CODE', 'coupon')];
      expectGraphError(await send(welcome(header, unknown)), 132000, 'parameter names (first_name, coupon)');
      const repeated = [text('Ana', 'first_name'), text('Ana', 'first_name')];
      expectGraphError(await send(welcome(header, repeated)), 132000, 'do not match');
      expectGraphError(
        await send(welcome(header, [text('Ana', 'first_name')])),
        132000,
        'localizable_params (1)',
      );
    });

    it('refuses a parameter_name that is not snake_case (131009)', async () => {
      expectGraphError(await send(welcome([text('Ana', 'First Name')], [])), 131009, 'parameter_name');
    });
  });

  it('answers 132005 when the body is too long once filled in', async () => {
    const long = [text('x'.repeat(1000)), ...orderBody.slice(1)];
    expectGraphError(await send(orderUpdate({ body: long })), 132005, 'the limit is 1024');
  });

  it('refuses line breaks, tabs and runs of 5 spaces in text parameters (100)', async () => {
    for (const value of ['a\nb', 'a\tb', 'a     b']) {
      const body = [text(value), ...orderBody.slice(1)];
      expectGraphError(await send(orderUpdate({ body })), 100, 'new-line/tab');
    }
  });

  it('limits an authentication code and a coupon to 15 characters (131009)', async () => {
    const login = (code: string) => ({
      name: 'login_code',
      language: { code: 'en_US' },
      components: [
        { type: 'body', parameters: [text(code)] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [text(code)] },
      ],
    });
    expect((await send(login('1'.repeat(15)))).statusCode).toBe(200);
    expectGraphError(await send(login('1'.repeat(16))), 131009, 'AUTHENTICATION category (15 characters)');
    const coupon = (code: string) => ({
      name: 'spring_sale',
      language: { code: 'en_US' },
      components: [
        {
          type: 'button',
          sub_type: 'copy_code',
          index: '0',
          parameters: [{ type: 'coupon_code', coupon_code: code }],
        },
      ],
    });
    expectGraphError(await send(coupon('C'.repeat(16))), 131009, "['coupon_code'] must be at most 15");
  });

  it.each([
    ['no name', { language: { code: 'en_US' } }, 131008, "template['name']"],
    ['no language', { name: 'hello_world' }, 131008, "template['language']"],
    ['a language that is a string', { name: 'hello_world', language: 'en_US' }, 100, "template['language']"],
    [
      'an unknown policy',
      { name: 'hello_world', language: { code: 'en_US', policy: 'fallback' } },
      100,
      'policy',
    ],
    [
      'a component of unknown type',
      { ...orderUpdate(), components: [{ type: 'carousel', cards: [] }] },
      100,
      "['type']",
    ],
    [
      'a text parameter without text',
      orderUpdate({ body: [{ type: 'text' }, ...orderBody.slice(1)] }),
      100,
      "Parameter 'text' is mandatory for component parameter type 'text'",
    ],
    [
      'an unknown parameter type',
      orderUpdate({ body: [{ type: 'emoji', emoji: 'x' }] }),
      100,
      "['parameters'][0]['type']",
    ],
    [
      'a currency without a valid code',
      orderUpdate({
        body: [
          ...orderBody.slice(0, 2),
          { type: 'currency', currency: { fallback_value: '$1', code: 'DOLLAR', amount_1000: 1000 } },
          orderBody[3],
        ],
      }),
      131009,
      'ISO 4217',
    ],
    [
      'a currency amount that is not an integer',
      orderUpdate({
        body: [
          ...orderBody.slice(0, 2),
          { type: 'currency', currency: { fallback_value: '$1', code: 'USD', amount_1000: 1.5 } },
          orderBody[3],
        ],
      }),
      100,
      "['amount_1000'] must be an integer",
    ],
    [
      'a date_time without fallback_value',
      orderUpdate({
        body: [...orderBody.slice(0, 3), { type: 'date_time', date_time: { day_of_month: 1 } }],
      }),
      131008,
      "['fallback_value']",
    ],
    [
      'a button without sub_type',
      orderUpdate({ buttons: [{ type: 'button', index: '1', parameters: [text('x')] }] }),
      131008,
      "['sub_type']",
    ],
    [
      'a button index out of range',
      orderUpdate({ buttons: [{ ...trackButton, index: '10' }] }),
      131009,
      "['index'] must be between 0 and 9",
    ],
    [
      'a button index the template lacks',
      orderUpdate({
        buttons: [trackButton, { type: 'button', sub_type: 'quick_reply', index: '5', parameters: [] }],
      }),
      131009,
      'the template has 3 button(s)',
    ],
    [
      'two body components',
      { ...orderUpdate(), components: [...orderUpdate().components, { type: 'body', parameters: [] }] },
      131009,
      'repeats the body component',
    ],
    [
      'a header image nobody uploaded',
      orderUpdate({ header: [{ type: 'image', image: { id: '222222222222222' } }] }),
      131053,
      'not found',
    ],
  ])('refuses %s', async (_case, template, code, details) => {
    expectGraphError(await send(template), code, details);
  });
});
