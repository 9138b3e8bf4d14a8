import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  message,
  OTHER_WABA_ID,
  PUBLIC_URL,
  WABA_ID,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';
import { TEST_TEMPLATES } from '../test-support/template-fixtures.js';

const created = {
  name: 'shipping_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
    { type: 'BODY', text: 'Hi {{1}}, it ships {{2}}.', example: { body_text: [['Ana', 'today']] } },
    { type: 'FOOTER', text: 'Acme' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://shop.example/t/{{1}}' }] },
  ],
};

describe('GET and POST /{waba-id}/message_templates', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp({ templates: TEST_TEMPLATES });
  });
  afterEach(async () => {
    await t.app.close();
  });
  const list = (query = '') => t.request('GET', `/v23.0/${WABA_ID}/message_templates${query}`);

  it('lists the WABA’s templates in Meta’s shape', async () => {
    const response = await list();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.data).toHaveLength(TEST_TEMPLATES.length + 1);
    expect(Object.keys(body.data[0])).toEqual([
      'name',
      'parameter_format',
      'components',
      'language',
      'status',
      'category',
      'id',
    ]);
    expect(body.data[0]).toMatchObject({
      name: 'hello_world',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
    });
    expect(body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(body.paging.next).toBeUndefined();
  });

  it('filters by name, status and fields', async () => {
    expect((await list('?name=order_update')).json().data.map((t: { name: string }) => t.name)).toEqual([
      'order_update',
    ]);
    expect((await list('?status=paused')).json().data.map((t: { name: string }) => t.name)).toEqual([
      'paused_promo',
    ]);
    expect((await list('?name=order_update&fields=name,status')).json().data[0]).toEqual({
      name: 'order_update',
      status: 'APPROVED',
      id: expect.any(String),
    });
    expect((await list('?name=nothing')).json()).toEqual({ data: [] });
  });

  it('pages with limit and after/before cursors, and next/previous links', async () => {
    const first = (await list('?limit=3')).json();
    expect(first.data).toHaveLength(3);
    expect(first.paging.next).toBe(
      `${PUBLIC_URL}/v23.0/${WABA_ID}/message_templates?limit=3&after=${first.paging.cursors.after}`,
    );
    const second = (await list(`?limit=3&after=${first.paging.cursors.after}`)).json();
    expect(second.data.map((t: { name: string }) => t.name)).toEqual([
      'login_code',
      'spring_sale',
      'paused_promo',
    ]);
    expect(second.paging.previous).toContain(`before=${second.paging.cursors.before}`);
    const back = (await list(`?limit=3&before=${second.paging.cursors.before}`)).json();
    expect(back.data).toEqual(first.data);
    const last = (await list(`?limit=3&after=${second.paging.cursors.after}`)).json();
    expect(last.data).toHaveLength(2);
    expect(last.paging.next).toBeUndefined();
    expectGraphError(await list('?limit=0'), 100, 'limit');
    expectGraphError(await list('?after=bm9wZQ'), 100, 'cursor');
  });

  it('creates a template, approved at once, and lets it be sent right away', async () => {
    const response = await t.request('POST', `/v23.0/${WABA_ID}/message_templates`, created);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      id: expect.stringMatching(/^\d{15,16}$/),
      status: 'APPROVED',
      category: 'UTILITY',
    });
    const listed = (await list('?name=shipping_update')).json().data[0];
    expect(listed).toMatchObject({
      id: response.json().id,
      components: created.components,
      parameter_format: 'POSITIONAL',
    });
    const send = await t.send(
      message('template', {
        template: {
          name: 'shipping_update',
          language: { code: 'en_US' },
          components: [
            { type: 'header', parameters: [{ type: 'text', text: 'A-9' }] },
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Ana' },
                { type: 'text', text: 'today' },
              ],
            },
            { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-9' }] },
          ],
        },
      }),
    );
    expect(send.statusCode, send.body).toBe(200);
  });

  it('leaves created templates pending when configured, so sending them answers 132001', async () => {
    await t.app.close();
    t = await buildGraphTestApp({ createdStatus: 'PENDING' });
    const response = await t.request('POST', `/v23.0/${WABA_ID}/message_templates`, created);
    expect(response.json().status).toBe('PENDING');
    const send = await t.send(
      message('template', { template: { name: 'shipping_update', language: { code: 'en_US' } } }),
    );
    expectGraphError(send, 132001, 'PENDING', 404);
  });

  it('keeps templates per WABA', async () => {
    await t.request('POST', `/v23.0/${WABA_ID}/message_templates`, created);
    const other = (
      await t.request('GET', `/v23.0/${OTHER_WABA_ID}/message_templates?name=shipping_update`)
    ).json();
    expect(other.data).toEqual([]);
  });

  it.each([
    ['a duplicate name and language', { ...created, name: 'order_update' }, 100, 'already exists'],
    ['an upper-case name', { ...created, name: 'Shipping' }, 100, 'lowercase'],
    ['a name over 512', { ...created, name: 'n'.repeat(513) }, 100, 'at most 512'],
    ['no language', { ...created, language: undefined }, 131008, 'language'],
    ['an unknown category', { ...created, category: 'PROMO' }, 100, 'category'],
    ['no body', { ...created, components: [{ type: 'FOOTER', text: 'x' }] }, 100, 'exactly one BODY'],
    [
      'a body over 1024',
      { ...created, components: [{ type: 'BODY', text: 'b'.repeat(1025) }] },
      100,
      'at most 1024',
    ],
    [
      'a header text over 60',
      {
        ...created,
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) },
          { type: 'BODY', text: 'x' },
        ],
      },
      100,
      'at most 60',
    ],
    [
      'a header with two variables',
      {
        ...created,
        components: [
          { type: 'HEADER', format: 'TEXT', text: '{{1}} {{2}}' },
          { type: 'BODY', text: 'x' },
        ],
      },
      100,
      'at most 1 placeholder',
    ],
    [
      'placeholders out of order',
      { ...created, components: [{ type: 'BODY', text: 'Hi {{2}}' }] },
      100,
      '{{1}} to {{1}}',
    ],
    [
      'named placeholders in a positional template',
      { ...created, components: [{ type: 'BODY', text: 'Hi {{name}}' }] },
      100,
      'must number',
    ],
    [
      'a footer variable',
      {
        ...created,
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'FOOTER', text: '{{1}}' },
        ],
      },
      100,
      'at most 0',
    ],
    [
      'eleven buttons',
      {
        ...created,
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'BUTTONS', buttons: Array(11).fill({ type: 'QUICK_REPLY', text: 'x' }) },
        ],
      },
      131009,
      'at most 10',
    ],
    [
      'a button text over 25',
      {
        ...created,
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 't'.repeat(26) }] },
        ],
      },
      100,
      'at most 25',
    ],
  ])('refuses a template with %s', async (_case, body, code, details) => {
    expectGraphError(
      await t.request('POST', `/v23.0/${WABA_ID}/message_templates`, JSON.parse(JSON.stringify(body))),
      code,
      details,
    );
  });

  it('creates NAMED templates that take named parameters', async () => {
    const named = {
      ...created,
      name: 'named_one',
      parameter_format: 'NAMED',
      components: [{ type: 'BODY', text: 'Hi {{first_name}}' }],
    };
    expect((await t.request('POST', `/v23.0/${WABA_ID}/message_templates`, named)).statusCode).toBe(200);
    const send = await t.send(
      message('template', {
        template: {
          name: 'named_one',
          language: { code: 'en_US' },
          components: [
            { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] },
          ],
        },
      }),
    );
    expect(send.statusCode, send.body).toBe(200);
  });

  it('deletes by name (all languages) or by hsm_id, and answers 100 for a name it lacks', async () => {
    const response = await t.request('DELETE', `/v23.0/${WABA_ID}/message_templates?name=order_update`);
    expect(response.json()).toEqual({ success: true });
    expect((await list('?name=order_update')).json().data).toEqual([]);
    expectGraphError(await t.request('DELETE', `/v23.0/${WABA_ID}/message_templates?name=order_update`), 100);
    expectGraphError(await t.request('DELETE', `/v23.0/${WABA_ID}/message_templates`), 131008, 'name');
  });

  it('answers 100/33 for an unknown WABA', async () => {
    expectGraphError(await t.request('GET', '/v23.0/404404404/message_templates'), 100, 'does not exist');
  });
});
