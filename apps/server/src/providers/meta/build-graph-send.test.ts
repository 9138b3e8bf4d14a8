import {
  DEFAULT_ACCESS_TOKEN,
  startEmulatorServer,
  type EmulatorServer,
  type TemplateDefinition,
} from '@switchboard/emulator';
import { sendBodyMediaId, sendMessageBodySchema, type SendMessageBody } from '@switchboard/protocol';
import { BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH } from '@switchboard/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizedOutboundContent } from '@switchboard/protocol';
import { buildGraphSend, type GraphSendRefs } from './build-graph-send.js';

/*
 * Every Graph body is checked by the emulator's send validator (the Cloud API's rules) over real
 * HTTP on loopback, and then compared with what the customer's phone received.
 */

const PHONE_NUMBER_ID = '100000000000001';
const CUSTOMER = { waId: '16505551234', name: 'Sheena Nelson' };

const orderUpdate: TemplateDefinition = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} of {{3}} ships on {{4}}.' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Stop updates' },
        { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
      ],
    },
  ],
};
const welcomeNamed: TemplateDefinition = {
  name: 'welcome_named',
  language: 'en',
  category: 'MARKETING',
  parameterFormat: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Welcome {{first_name}}' },
    { type: 'BODY', text: 'Hello {{first_name}}, your code is {{promo_code}}.' },
  ],
};

let server: EmulatorServer;
/** The customer's first message: it opens the 24-hour window and is what we quote and react to. */
let inboundWamid: string;

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    host: '127.0.0.1',
    appSecret: 'app-secret',
    customers: [CUSTOMER],
    templates: [orderUpdate, welcomeNamed],
    phonePage: false,
  });
  inboundWamid = server.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'Hello' } }).id;
});
afterAll(async () => {
  await server.close();
});

const auth = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };

/** Uploads a file through the Graph media route, as the outbox will before sending it by id. */
async function upload(mimeType: string): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', mimeType);
  form.set(
    'file',
    new Blob([Buffer.from('not really media, but not empty')], { type: mimeType }),
    'file.bin',
  );
  const res = await fetch(`${server.url}/v23.0/${PHONE_NUMBER_ID}/media`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function postGraph(graph: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(graph),
  });
  return { status: res.status, json: await res.json() };
}

const refs = (overrides: Partial<GraphSendRefs> = {}): GraphSendRefs => ({
  to: CUSTOMER.waId,
  replyToProviderMessageId: null,
  reactionTargetProviderMessageId: null,
  providerMediaId: null,
  bizOpaqueCallbackData: 'msg_01',
  ...overrides,
});

/** Parses our body, builds the Graph body, sends it and returns it with the emulator's wamid. */
async function sendThrough(input: unknown, overrides: Partial<GraphSendRefs> = {}) {
  const body = sendMessageBodySchema.parse(input);
  const graph = buildGraphSend(body, refs(overrides));
  const { status, json } = await postGraph(graph);
  expect({ status, json }).toMatchObject({
    status: 200,
    json: { messaging_product: 'whatsapp', messages: [{ id: expect.stringMatching(/^wamid\./) }] },
  });
  return { body, graph, wamid: json.messages[0].id as string };
}

/** The business message as the customer's phone holds it. */
function received(wamid: string) {
  const item = server.emulator.received(CUSTOMER.waId).find((i) => i.id === wamid);
  expect(item, `the customer received ${wamid}`).toBeDefined();
  return item!;
}

describe('buildGraphSend against the emulator', () => {
  it('text with preview and a quote: the exact Cloud API body', async () => {
    const { body, graph, wamid } = await sendThrough(
      { type: 'text', text: { body: 'See https://example.com', previewUrl: true }, replyTo: 'msg_00' },
      { replyToProviderMessageId: inboundWamid },
    );
    expect(graph).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER.waId,
      type: 'text',
      context: { message_id: inboundWamid },
      text: { body: 'See https://example.com', preview_url: true },
      biz_opaque_callback_data: 'msg_01',
    });
    const item = received(wamid);
    expect(item).toMatchObject({ type: 'text', preview: 'See https://example.com', replyTo: inboundWamid });
    expect(item.message).toEqual(graph);
    expect(normalizedOutboundContent(body)).toEqual({ body: 'See https://example.com' });
  });

  it('image by our id (uploaded first) and by url', async () => {
    const providerMediaId = await upload('image/jpeg');
    const byId = await sendThrough(
      { type: 'image', media: { id: 'med_1', caption: 'Our new model' } },
      { providerMediaId },
    );
    expect(byId.graph.image).toEqual({ id: providerMediaId, caption: 'Our new model' });
    expect(received(byId.wamid)).toMatchObject({ type: 'image', message: byId.graph });
    expect(normalizedOutboundContent(byId.body)).toEqual({ caption: 'Our new model' });

    const byUrl = await sendThrough({ type: 'image', media: { url: 'https://cdn.example.com/a.jpg' } });
    expect(byUrl.graph.image).toEqual({ link: 'https://cdn.example.com/a.jpg' });
    expect(received(byUrl.wamid).message).toEqual(byUrl.graph);
    expect(normalizedOutboundContent(byUrl.body)).toEqual({ caption: null });
  });

  it('video, audio, document and sticker', async () => {
    const cases: [unknown, string | null, Record<string, unknown>, Record<string, unknown>][] = [
      [
        { type: 'video', media: { id: 'med_v', caption: 'Unboxing' } },
        await upload('video/mp4'),
        { caption: 'Unboxing' },
        { caption: 'Unboxing' },
      ],
      [
        { type: 'audio', media: { id: 'med_a' } },
        await upload('audio/ogg; codecs=opus'),
        {},
        { voice: false },
      ],
      [
        { type: 'audio', media: { url: 'https://cdn.example.com/a.mp3' } },
        null,
        { link: 'https://cdn.example.com/a.mp3' },
        { voice: false },
      ],
      [
        { type: 'document', media: { id: 'med_d', caption: 'Invoice', filename: 'invoice.pdf' } },
        await upload('application/pdf'),
        { caption: 'Invoice', filename: 'invoice.pdf' },
        { caption: 'Invoice', filename: 'invoice.pdf' },
      ],
      [{ type: 'sticker', media: { id: 'med_s' } }, await upload('image/webp'), {}, { animated: null }],
    ];
    for (const [input, providerMediaId, graphPart, content] of cases) {
      const { body, graph, wamid } = await sendThrough(input, { providerMediaId });
      expect(graph[body.type]).toEqual({
        ...(providerMediaId !== null && { id: providerMediaId }),
        ...graphPart,
      });
      expect(received(wamid)).toMatchObject({ type: body.type, message: graph });
      expect(normalizedOutboundContent(body)).toEqual(content);
    }
  });

  it('location', async () => {
    const location = {
      latitude: 37.758056,
      longitude: -122.425332,
      name: 'META HQ',
      address: '1 Hacker Way',
    };
    const { body, graph, wamid } = await sendThrough({ type: 'location', location });
    expect(graph.location).toEqual(location);
    expect(received(wamid)).toMatchObject({ type: 'location', preview: '📍 META HQ', message: graph });
    expect(normalizedOutboundContent(body)).toEqual({ ...location, url: null });
  });

  it('contacts', async () => {
    const contacts = [
      {
        name: { formatted_name: 'John Smith', first_name: 'John', last_name: 'Smith' },
        phones: [{ phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' }],
        emails: [{ email: 'john@example.com', type: 'WORK' }],
        addresses: [{ street: '1 Hacker Way', city: 'Menlo Park', country_code: 'us', type: 'WORK' }],
        org: { company: 'Acme', title: 'Manager' },
        urls: [{ url: 'https://example.com', type: 'WORK' }],
        birthday: '1990-08-18',
      },
    ];
    const { body, graph, wamid } = await sendThrough(
      { type: 'contacts', contacts },
      { replyToProviderMessageId: inboundWamid },
    );
    expect(graph.contacts).toEqual(contacts);
    expect(received(wamid)).toMatchObject({ type: 'contacts', replyTo: inboundWamid, message: graph });
    expect(normalizedOutboundContent(body)).toEqual({ contacts });
  });

  it('interactive reply buttons with an image header by our id', async () => {
    const providerMediaId = await upload('image/png');
    const action = {
      buttons: [
        { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
        { type: 'reply', reply: { id: 'no', title: 'No' } },
      ],
    };
    const { body, graph, wamid } = await sendThrough(
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'image', image: { id: 'med_h' } },
          body: { text: 'Pick one' },
          footer: { text: 'Acme' },
          action,
        },
      },
      { providerMediaId },
    );
    expect(graph.interactive).toEqual({
      type: 'button',
      header: { type: 'image', image: { id: providerMediaId } },
      body: { text: 'Pick one' },
      footer: { text: 'Acme' },
      action,
    });
    expect(received(wamid)).toMatchObject({ type: 'interactive', message: graph });
    expect(normalizedOutboundContent(body)).toEqual({
      type: 'button',
      header: { type: 'image', image: { id: 'med_h' } },
      body: 'Pick one',
      footer: 'Acme',
      action,
    });
  });

  it('interactive list and cta_url', async () => {
    const list = {
      type: 'list',
      header: { type: 'text', text: 'Menu' },
      body: { text: 'What would you like?' },
      action: {
        button: 'Options',
        sections: [
          { title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Hot' }] },
          { title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
        ],
      },
    };
    const sentList = await sendThrough({ type: 'interactive', interactive: list });
    expect(sentList.graph.interactive).toEqual(list);
    expect(received(sentList.wamid).message).toEqual(sentList.graph);
    expect(normalizedOutboundContent(sentList.body)).toMatchObject({
      type: 'list',
      header: list.header,
      body: 'What would you like?',
      footer: null,
    });

    const cta = {
      type: 'cta_url',
      header: {
        type: 'document',
        document: { link: 'https://cdn.example.com/menu.pdf', filename: 'menu.pdf' },
      },
      body: { text: 'Track your order' },
      action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://shop.example/t/1' } },
    };
    const sentCta = await sendThrough({ type: 'interactive', interactive: cta });
    expect(sentCta.graph.interactive).toEqual(cta);
    expect(received(sentCta.wamid).message).toEqual(sentCta.graph);
  });

  it('templates: no parameters, positional with a media header by our id, named', async () => {
    const hello = await sendThrough({
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(hello.graph.template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
    expect(received(hello.wamid)).toMatchObject({ type: 'template', message: hello.graph });
    expect(normalizedOutboundContent(hello.body)).toEqual({
      name: 'hello_world',
      language: 'en_US',
      components: [],
    });

    const providerMediaId = await upload('image/jpeg');
    const bodyComponent = {
      type: 'body',
      parameters: [
        { type: 'text', text: 'Ana' },
        { type: 'text', text: 'A-1001' },
        { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
        { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
      ],
    };
    const buttons = [
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1001' }] },
    ];
    const positional = await sendThrough(
      {
        type: 'template',
        template: {
          name: 'order_update',
          language: { code: 'en_US', policy: 'deterministic' },
          components: [
            { type: 'header', parameters: [{ type: 'image', image: { id: 'med_t' } }] },
            bodyComponent,
            ...buttons,
          ],
        },
      },
      { providerMediaId },
    );
    expect(sendBodyMediaId(positional.body)).toBe('med_t');
    expect(positional.graph.template).toEqual({
      name: 'order_update',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { id: providerMediaId } }] },
        bodyComponent,
        ...buttons,
      ],
    });
    expect(received(positional.wamid).message).toEqual(positional.graph);

    const named = await sendThrough({
      type: 'template',
      template: {
        name: 'welcome_named',
        language: { code: 'en' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'promo_code', text: 'SPRING' },
              { type: 'text', parameter_name: 'first_name', text: 'Ana' },
            ],
          },
        ],
      },
    });
    expect(received(named.wamid).message).toEqual(named.graph);
  });

  it('reaction, then its removal, land on the reacted-to message', async () => {
    const target = () => server.emulator.thread(CUSTOMER.waId).items.find((i) => i.id === inboundWamid)!;
    const react = await sendThrough(
      { type: 'reaction', reaction: { messageId: 'msg_00', emoji: '👍' } },
      { reactionTargetProviderMessageId: inboundWamid },
    );
    expect(react.graph.reaction).toEqual({ message_id: inboundWamid, emoji: '👍' });
    expect(target().reactions).toEqual([{ from: 'business', emoji: '👍' }]);
    expect(normalizedOutboundContent(react.body)).toEqual({ emoji: '👍' });

    const removal = await sendThrough(
      { type: 'reaction', reaction: { messageId: 'msg_00', emoji: '' } },
      { reactionTargetProviderMessageId: inboundWamid },
    );
    expect(removal.graph.reaction).toEqual({ message_id: inboundWamid, emoji: '' });
    expect(target().reactions).toBeUndefined();
    expect(normalizedOutboundContent(removal.body)).toEqual({ emoji: null });
  });
});

describe('buildGraphSend: what it refuses to build', () => {
  const parse = (input: unknown): SendMessageBody => sendMessageBodySchema.parse(input);

  it('a reaction without the target wamid, and never a quote on a reaction', () => {
    const reaction = parse({ type: 'reaction', reaction: { messageId: 'msg_00', emoji: '👍' } });
    expect(() => buildGraphSend(reaction, refs())).toThrow(/reacted-to message msg_00/);
    const graph = buildGraphSend(
      reaction,
      refs({ reactionTargetProviderMessageId: 'wamid.A', replyToProviderMessageId: 'wamid.B' }),
    );
    expect(graph).not.toHaveProperty('context');
  });

  it('media named by our id without the provider id, in a message or a header', () => {
    expect(() => buildGraphSend(parse({ type: 'image', media: { id: 'med_1' } }), refs())).toThrow(/med_1/);
    const header = parse({
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'video', video: { id: 'med_2' } },
        body: { text: 'Watch' },
        action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'OK' } }] },
      },
    });
    expect(() => buildGraphSend(header, refs())).toThrow(/med_2/);
  });

  it('callback data over the limit; an empty one is left out', () => {
    const text = parse({ type: 'text', text: { body: 'Hi' } });
    expect(() =>
      buildGraphSend(
        text,
        refs({ bizOpaqueCallbackData: 'x'.repeat(BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH + 1) }),
      ),
    ).toThrow(RangeError);
    expect(buildGraphSend(text, refs({ bizOpaqueCallbackData: '' }))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER.waId,
      type: 'text',
      text: { body: 'Hi' },
    });
  });
});
