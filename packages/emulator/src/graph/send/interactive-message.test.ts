import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  message,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';

const reply = (id: string, title = id) => ({ type: 'reply', reply: { id, title } });
const buttons = (extra: Record<string, unknown> = {}, list: unknown[] = [reply('a'), reply('b')]) => ({
  type: 'button',
  body: { text: 'Choose' },
  action: { buttons: list },
  ...extra,
});
const rows = (count: number, prefix = 'r') =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
const list = (sections: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'list',
  body: { text: 'Menu' },
  action: { button: 'Open', sections },
  ...extra,
});
const cta = (parameters: Record<string, unknown>) => ({
  type: 'cta_url',
  body: { text: 'Go' },
  action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://a.b', ...parameters } },
});
const flow = (parameters: Record<string, unknown>) => ({
  type: 'flow',
  body: { text: 'Form' },
  action: {
    name: 'flow',
    parameters: { flow_message_version: '3', flow_id: '123', flow_cta: 'Open', ...parameters },
  },
});

describe('interactive sends', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
  });
  afterEach(async () => {
    await t.app.close();
  });
  const send = (interactive: Record<string, unknown>) => t.send(message('interactive', { interactive }));

  it('accepts each limit at its maximum', async () => {
    const ok = [
      buttons(
        {
          header: { type: 'text', text: 'h'.repeat(60) },
          body: { text: 'b'.repeat(1024) },
          footer: { text: 'f'.repeat(60) },
        },
        [reply('i'.repeat(256), 't'.repeat(20)), reply('2'), reply('3')],
      ),
      list(
        [
          {
            title: 's'.repeat(24),
            rows: [{ id: 'i'.repeat(200), title: 't'.repeat(24), description: 'd'.repeat(72) }],
          },
        ],
        {
          action: { button: 'b'.repeat(20), sections: [{ rows: rows(10) }] },
        },
      ),
      list(Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) }))),
      cta({ display_text: 'd'.repeat(20) }),
      flow({
        flow_cta: 'c'.repeat(30),
        flow_id: undefined,
        flow_name: 'signup',
        mode: 'draft',
        flow_action: 'data_exchange',
      }),
      {
        type: 'location_request_message',
        body: { text: 'Where are you?' },
        action: { name: 'send_location' },
      },
      buttons({ header: { type: 'document', document: { link: 'https://a.b/d.pdf', filename: 'd.pdf' } } }),
      buttons({ header: { type: 'video', video: { id: t.storeMedia('video/mp4') } } }),
    ];
    for (const interactive of ok) {
      const response = await send(JSON.parse(JSON.stringify(interactive)) as Record<string, unknown>);
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it.each([
    [
      'an unsupported interactive type',
      { type: 'product', body: { text: 'x' }, action: {} },
      100,
      "interactive['type']",
    ],
    ['no body', { type: 'button', action: { buttons: [reply('a')] } }, 131008, "interactive['body']"],
    [
      'a body over 1024',
      buttons({ body: { text: 'b'.repeat(1025) } }),
      131009,
      "interactive['body']['text'] must be at most 1024",
    ],
    [
      'a header text over 60',
      buttons({ header: { type: 'text', text: 'h'.repeat(61) } }),
      131009,
      "['header']['text']",
    ],
    ['a footer over 60', buttons({ footer: { text: 'f'.repeat(61) } }), 131009, "['footer']['text']"],
    ['a header of an unknown type', buttons({ header: { type: 'gif' } }), 100, "['header']['type']"],
    [
      'a header with the wrong media key',
      buttons({ header: { type: 'image', video: { link: 'https://a.b' } } }),
      100,
      '"video"',
    ],
    [
      'a header image nobody uploaded',
      buttons({ header: { type: 'image', image: { id: '111111111111111' } } }),
      131053,
      'not found',
    ],
    ['no action', { type: 'button', body: { text: 'x' } }, 131008, "interactive['action']"],
  ])('refuses %s', async (_case, interactive, code, details) => {
    expectGraphError(await send(interactive), code, details);
  });

  it.each([
    ['no buttons', [], 131009, 'at least 1 item'],
    ['four buttons', [reply('1'), reply('2'), reply('3'), reply('4')], 131009, 'at most 3 items'],
    ['a title over 20', [reply('a', 't'.repeat(21))], 131009, "['reply']['title'] must be at most 20"],
    ['an id over 256', [reply('i'.repeat(257), 'ok')], 131009, "['reply']['id'] must be at most 256"],
    ['a repeated id', [reply('a', 'One'), reply('a', 'Two')], 131009, 'unique'],
    ['a type other than reply', [{ type: 'url', reply: { id: 'a', title: 'b' } }], 100, "['type']"],
    ['no title', [{ type: 'reply', reply: { id: 'a' } }], 131008, "['reply']['title']"],
  ])('refuses reply buttons with %s', async (_case, list, code, details) => {
    expectGraphError(await send(buttons({}, list)), code, details);
  });

  it.each([
    [
      'a button label over 20',
      list([{ rows: rows(1) }], { action: { button: 'b'.repeat(21), sections: [{ rows: rows(1) }] } }),
      "['action']['button']",
    ],
    [
      '11 sections',
      list(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) }))),
      'at most 10 items',
    ],
    [
      '11 rows in total',
      list([
        { title: 'A', rows: rows(6, 'a') },
        { title: 'B', rows: rows(5, 'b') },
      ]),
      'at most 10 rows in total',
    ],
    [
      'a row title over 24',
      list([{ rows: [{ id: 'a', title: 't'.repeat(25) }] }]),
      "['rows'][0]['title'] must be at most 24",
    ],
    [
      'a row description over 72',
      list([{ rows: [{ id: 'a', title: 'A', description: 'd'.repeat(73) }] }]),
      'at most 72',
    ],
    ['a row id over 200', list([{ rows: [{ id: 'i'.repeat(201), title: 'A' }] }]), 'at most 200'],
    ['a section title over 24', list([{ title: 's'.repeat(25), rows: rows(1) }]), "['sections'][0]['title']"],
    [
      'a repeated row id',
      list([
        { title: 'A', rows: rows(1) },
        { title: 'B', rows: rows(1) },
      ]),
      'unique',
    ],
    ['a section without rows', list([{ title: 'A', rows: [] }]), 'at least 1 item'],
  ])('refuses a list with %s (131009)', async (_case, interactive, details) => {
    expectGraphError(await send(interactive), 131009, details);
  });

  it('requires section titles once a list has two sections, and refuses a media header on lists', async () => {
    const untitled = list([{ rows: rows(1, 'a') }, { title: 'B', rows: rows(1, 'b') }]);
    expectGraphError(await send(untitled), 131008, "['sections'][0]['title']");
    const imageHeader = list([{ rows: rows(1) }], {
      header: { type: 'image', image: { link: 'https://a.b/i.png' } },
    });
    expectGraphError(await send(imageHeader), 100, "['header']['type']");
  });

  it.each([
    [
      'display_text over 20',
      cta({ display_text: 'd'.repeat(21) }),
      131009,
      "['display_text'] must be at most 20",
    ],
    [
      'a url that is not http(s)',
      cta({ url: 'javascript:alert(1)' }),
      131009,
      "['url'] must be a valid http or https URL",
    ],
    ['no url', cta({ url: undefined }), 131008, "['parameters']['url']"],
  ])('refuses a cta_url with %s', async (_case, interactive, code, details) => {
    expectGraphError(
      await send(JSON.parse(JSON.stringify(interactive)) as Record<string, unknown>),
      code,
      details,
    );
  });

  it.each([
    ['flow_cta over 30', flow({ flow_cta: 'c'.repeat(31) }), 131009, "['flow_cta'] must be at most 30"],
    ['both flow_id and flow_name', flow({ flow_name: 'x' }), 100, 'either flow_id or flow_name'],
    ['neither flow_id nor flow_name', flow({ flow_id: undefined }), 131008, 'flow_id'],
    ['message version 2', flow({ flow_message_version: '2' }), 100, 'flow_message_version'],
    ['an unknown flow_action', flow({ flow_action: 'jump' }), 100, 'flow_action'],
    [
      'a payload without screen',
      flow({ flow_action_payload: { data: {} } }),
      131008,
      "['flow_action_payload']['screen']",
    ],
  ])('refuses a flow with %s', async (_case, interactive, code, details) => {
    expectGraphError(
      await send(JSON.parse(JSON.stringify(interactive)) as Record<string, unknown>),
      code,
      details,
    );
  });

  it('refuses a header on a location request', async () => {
    const withHeader = {
      type: 'location_request_message',
      header: { type: 'text', text: 'x' },
      body: { text: 'Where?' },
      action: { name: 'send_location' },
    };
    expectGraphError(await send(withHeader), 100, 'Unexpected key "header"');
  });
});
