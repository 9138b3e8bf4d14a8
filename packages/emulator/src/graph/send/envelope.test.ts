import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../core/graph-error.js';
import {
  buildGraphTestApp,
  CUSTOMER,
  DISPLAY_NUMBER,
  expectGraphError,
  message,
  PHONE_NUMBER_ID,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';
import { TEST_TEMPLATES } from '../test-support/template-fixtures.js';
import { validSends } from '../test-support/valid-sends.js';

describe('POST /{phone-number-id}/messages: the envelope', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp({ templates: TEST_TEMPLATES });
  });
  afterEach(async () => {
    await t.app.close();
  });

  it('accepts every message type and answers Meta’s send response', async () => {
    for (const [name, body] of Object.entries(validSends(t))) {
      const response = await t.send(body);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
      const sent = t.gate.sends.at(-1);
      expect(response.json()).toEqual({
        messaging_product: 'whatsapp',
        contacts: [{ input: CUSTOMER, wa_id: '16505551234' }],
        messages: [
          {
            id: expect.stringMatching(/^wamid\./),
            ...(body.type === 'template' ? { message_status: 'accepted' } : {}),
          },
        ],
      });
      expect(sent).toMatchObject({
        phoneNumberId: PHONE_NUMBER_ID,
        to: CUSTOMER,
        waId: '16505551234',
        type: body.type,
      });
      expect(sent?.body).toEqual(body);
    }
  });

  it('hands the gate the reply target, callback data and voice flag', async () => {
    const audio = t.storeMedia('audio/ogg; codecs=opus');
    await t.send(
      message(
        'audio',
        { audio: { id: audio, voice: true } },
        {
          context: { message_id: 'wamid.QUOTED' },
          biz_opaque_callback_data: 'x'.repeat(512),
        },
      ),
    );
    expect(t.gate.sends.at(-1)).toMatchObject({
      replyTo: 'wamid.QUOTED',
      bizOpaqueCallbackData: 'x'.repeat(512),
      voice: true,
    });
    await t.send(message('text', { text: { body: 'plain' } }));
    expect(t.gate.sends.at(-1)).toMatchObject({
      replyTo: undefined,
      bizOpaqueCallbackData: undefined,
      voice: false,
    });
  });

  it('defaults type to text, as Meta’s own example relies on', async () => {
    const response = await t.send({ messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'no type' } });
    expect(response.statusCode).toBe(200);
    expect(t.gate.sends.at(-1)?.type).toBe('text');
  });

  it.each([
    ['a body that is not an object', [1, 2], 100, 'must be a JSON object'],
    [
      'missing messaging_product',
      { to: CUSTOMER, type: 'text', text: { body: 'x' } },
      131008,
      'The parameter messaging_product is required.',
    ],
    [
      'another messaging_product',
      { ...message('text', { text: { body: 'x' } }), messaging_product: 'sms' },
      100,
      'messaging_product',
    ],
    [
      'missing to',
      { messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } },
      131008,
      'The parameter to is required.',
    ],
    ['a to that is not a number', message('text', { text: { body: 'x' } }, { to: 'bob' }), 100, 'Param to'],
    [
      'a 00 international prefix',
      message('text', { text: { body: 'x' } }, { to: '0016505551234' }),
      100,
      'Param to',
    ],
    [
      'a group recipient',
      message('text', { text: { body: 'x' } }, { recipient_type: 'group' }),
      131009,
      'recipient_type',
    ],
    [
      'an unknown recipient_type',
      message('text', { text: { body: 'x' } }, { recipient_type: 'team' }),
      100,
      'recipient_type',
    ],
    ['an unsupported type', message('poll', { poll: {} }), 131051, 'Message type "poll"'],
    [
      'an unknown top-level key',
      message('text', { text: { body: 'x' } }, { priority: 'high' }),
      100,
      'Unexpected key "priority"',
    ],
    [
      'another type’s object',
      message('text', { text: { body: 'x' }, image: { link: 'https://a.b/c.jpg' } }),
      100,
      '"image"',
    ],
    ['the type’s object missing', message('image', {}), 131008, 'The parameter image is required.'],
    [
      'context without message_id',
      message('text', { text: { body: 'x' } }, { context: {} }),
      131008,
      "context['message_id']",
    ],
    [
      'callback data over 512',
      message('text', { text: { body: 'x' } }, { biz_opaque_callback_data: 'x'.repeat(513) }),
      100,
      'at most 512',
    ],
    [
      'the business’s own number',
      message('text', { text: { body: 'x' } }, { to: `+${DISPLAY_NUMBER}` }),
      131021,
      'sending business number',
    ],
  ])('refuses %s', async (_case, body, code, details) => {
    const response = await t.send(body);
    expectGraphError(response, code, details, 400);
    expect(t.gate.sends).toHaveLength(0);
  });

  it('relays an error from the gate with its HTTP status', async () => {
    t.gate.answerNext({
      ok: false,
      error: new GraphError(130429, 'Cloud API message throughput has been reached.'),
    });
    const throttled = await t.send(message('text', { text: { body: 'x' } }));
    expectGraphError(throttled, 130429, 'throughput', 400);
    t.gate.answerNext({ ok: false, error: new GraphError(131000, 'Injected failure', { httpStatus: 503 }) });
    expect((await t.send(message('text', { text: { body: 'x' } }))).statusCode).toBe(503);
  });

  it('passes on the message_status the gate gives a template', async () => {
    t.gate.answerNext({ ok: true, wamid: 'wamid.HELD', messageStatus: 'held_for_quality_assessment' });
    const response = await t.send(
      message('template', { template: { name: 'hello_world', language: { code: 'en_US' } } }),
    );
    expect(response.json().messages).toEqual([
      { id: 'wamid.HELD', message_status: 'held_for_quality_assessment' },
    ]);
  });
});
