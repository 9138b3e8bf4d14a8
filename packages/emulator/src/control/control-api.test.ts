import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { createEmulator, DEFAULT_ACCESS_TOKEN } from '../emulator.js';
import { startEmulatorServer, type EmulatorServer } from '../standalone/start-emulator-server.js';
import {
  APP_SECRET,
  CUSTOMER,
  DISPLAY_NUMBER,
  PHONE_NUMBER_ID,
  VERIFY_TOKEN,
  WABA_ID,
} from '../webhooks/test-support/test-emulator.js';
import { WebhookReceiver } from '../webhooks/test-support/webhook-receiver.js';

let server: EmulatorServer;
let receiver: WebhookReceiver;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  receiver = await WebhookReceiver.start({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
  server = await startEmulatorServer({
    port: 0,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    webhookUrl: receiver.url,
    clock,
    businessNumbers: [
      {
        phoneNumberId: PHONE_NUMBER_ID,
        displayPhoneNumber: DISPLAY_NUMBER,
        verifiedName: 'Acme',
        wabaId: WABA_ID,
      },
    ],
    customers: [CUSTOMER],
    controlPingIntervalMs: 50,
  });
});
afterEach(async () => {
  await server.close();
  await receiver.close();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('control API', () => {
  it('GET /_control/state lists numbers, customers and faults', async () => {
    const { status, body } = await call('GET', '/_control/state');
    expect(status).toBe(200);
    expect(body.businessNumbers).toEqual([
      {
        phoneNumberId: PHONE_NUMBER_ID,
        displayPhoneNumber: DISPLAY_NUMBER,
        verifiedName: 'Acme',
        wabaId: WABA_ID,
      },
    ]);
    expect(body.customers).toEqual([{ ...CUSTOMER, undeliverable: false }]);
    expect(body.faults).toMatchObject({ sendErrorRate: 0, batchSize: 1, withholdWebhooks: false });
  });

  it('POST /_control/customers adds a customer; bad input is a 400 naming the field', async () => {
    const created = await call('POST', '/_control/customers', {
      waId: '447700900123',
      name: 'Ann',
      undeliverable: true,
    });
    expect(created).toEqual({
      status: 201,
      body: { waId: '447700900123', name: 'Ann', undeliverable: true },
    });
    const bad = await call('POST', '/_control/customers', { waId: '+44 7700', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.issues.map((i: any) => i.path)).toEqual(['waId', 'name']);
  });

  it('a customer speaks, the thread shows it, and the app gets the webhook', async () => {
    const sent = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 'hi 👋' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^wamid\./), webhookId: expect.any(String) });
    const thread = await call('GET', `/_control/customers/${CUSTOMER.waId}/thread`);
    expect(thread.body).toEqual({
      customer: CUSTOMER,
      phoneNumberId: PHONE_NUMBER_ID,
      windowExpiresAt: clock.now() + 24 * 3600 * 1000,
      typing: false,
      items: [
        {
          id: sent.body.id,
          direction: 'in',
          type: 'text',
          timestamp: clock.now(),
          preview: 'hi 👋',
          message: expect.objectContaining({ type: 'text', text: { body: 'hi 👋' } }),
          readByBusiness: false,
        },
      ],
    });
    await server.emulator.webhooksIdle();
    expect(receiver.messages()[0]?.id).toBe(sent.body.id);
    const image = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'image',
      image: { caption: 'look' },
      file: { base64: Buffer.from('png-bytes').toString('base64'), mimeType: 'image/png' },
    });
    expect(image.status).toBe(201);
  });

  it('answers 400 for a malformed message and 404 for an unknown number or customer', async () => {
    const bad = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/text\.body/);
    const unknownType = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, { type: 'poll' });
    expect(unknownType.status).toBe(400);
    const wrongNumber = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 'x' },
      phoneNumberId: '999',
    });
    expect(wrongNumber.status).toBe(404);
    expect((await call('GET', '/_control/customers/4915100000000/thread')).status).toBe(404);
    const notJson = await fetch(`${server.url}/_control/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('end to end: the business sends through the Graph API, the customer reads, statuses arrive', async () => {
    await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 'hi' },
    });
    const res = await fetch(`${server.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: `+${CUSTOMER.waId}`,
        type: 'text',
        text: { body: 'Hello!' },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.contacts).toEqual([{ input: `+${CUSTOMER.waId}`, wa_id: CUSTOMER.waId }]);
    const wamid = body.messages[0].id;
    const received = server.emulator.received(CUSTOMER.waId);
    expect(received).toMatchObject([
      { id: wamid, direction: 'out', type: 'text', preview: 'Hello!', status: 'accepted' },
    ]);
    clock.advance(1000); // sent, delivered
    const read = await call('POST', `/_control/customers/${CUSTOMER.waId}/read`, {});
    expect(read.body).toEqual({ read: 1 });
    await server.emulator.webhooksIdle();
    expect(receiver.statuses().map((s) => [s.id, s.status])).toEqual([
      [wamid, 'sent'],
      [wamid, 'delivered'],
      [wamid, 'read'],
    ]);
    const thread = await call(
      'GET',
      `/_control/customers/${CUSTOMER.waId}/thread?phoneNumberId=${PHONE_NUMBER_ID}`,
    );
    expect(thread.body.items[1]).toMatchObject({ id: wamid, status: 'read' });
    // Mark-as-read through the Graph API marks the customer's message.
    const inbound = thread.body.items[0].id;
    const markRead = await fetch(`${server.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: inbound }),
    });
    expect(await markRead.json()).toEqual({ success: true });
    expect(server.emulator.thread(CUSTOMER.waId).items[0]?.readByBusiness).toBe(true);
  });

  it('a free-form Graph send outside the window is a 200 followed by a failed 131047 status', async () => {
    const res = await fetch(`${server.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: CUSTOMER.waId,
        type: 'text',
        text: { body: 'late' },
      }),
    });
    expect(res.status).toBe(200);
    clock.advance(1000);
    await server.emulator.webhooksIdle();
    expect(receiver.statuses()).toMatchObject([{ status: 'failed', errors: [{ code: 131047 }] }]);
  });

  it('GET and PUT /_control/faults (partial update, validated)', async () => {
    const put = await call('PUT', '/_control/faults', { duplicateRate: 0.5, withholdWebhooks: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ duplicateRate: 0.5, withholdWebhooks: true, batchSize: 1 });
    expect((await call('GET', '/_control/faults')).body).toEqual(put.body);
    const bad = await call('PUT', '/_control/faults', { duplicateRate: 2, nonsense: true });
    expect(bad.status).toBe(400);
  });

  it('GET /_control/webhooks?state= and POST /_control/webhooks/release', async () => {
    await call('PUT', '/_control/faults', { withholdWebhooks: true });
    await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 'held' },
    });
    const held = await call('GET', '/_control/webhooks?state=withheld');
    expect(held.body).toHaveLength(1);
    expect(held.body[0]).toMatchObject({ state: 'withheld', eventCount: 1, attempts: [] });
    expect(held.body[0].body.entry[0].changes[0].value.messages[0].text.body).toBe('held');
    expect((await call('POST', '/_control/webhooks/release')).body).toEqual({ released: 1 });
    await server.emulator.webhooksIdle();
    const delivered = await call('GET', '/_control/webhooks?state=delivered');
    expect(delivered.body[0].attempts).toMatchObject([{ status: 200 }]);
    expect((await call('GET', '/_control/webhooks?state=bogus')).status).toBe(400);
  });

  it('POST /_control/reset clears threads, media and deliveries and keeps customers and faults', async () => {
    await call('PUT', '/_control/faults', { duplicateRate: 0.25 });
    const sent = await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, { type: 'image' });
    const mediaId = server.emulator.thread(CUSTOMER.waId).items[0]?.message.image as { id: string };
    expect(server.emulator.media.get(mediaId.id)).toBeDefined();
    expect(sent.status).toBe(201);
    expect((await call('POST', '/_control/reset')).body).toEqual({ reset: true });
    expect(server.emulator.thread(CUSTOMER.waId).items).toEqual([]);
    expect(server.emulator.thread(CUSTOMER.waId).windowExpiresAt).toBeNull();
    expect(server.emulator.media.get(mediaId.id)).toBeUndefined();
    expect((await call('GET', '/_control/webhooks')).body).toEqual([]);
    const state = await call('GET', '/_control/state');
    expect(state.body.customers).toHaveLength(1);
    expect(state.body.faults.duplicateRate).toBe(0.25);
  });

  it('GET /_control/stream sends thread and customer changes as SSE, with pings', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/_control/stream`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(': connected');
    await call('POST', `/_control/customers/${CUSTOMER.waId}/messages`, {
      type: 'text',
      text: { body: 'x' },
    });
    await readUntil('data: ');
    expect(text).toContain(
      `data: {"type":"thread","waId":"${CUSTOMER.waId}","phoneNumberId":"${PHONE_NUMBER_ID}"}\n\n`,
    );
    await call('POST', '/_control/customers', { waId: '447700900123', name: 'Ann' });
    await readUntil('data: {"type":"customers"}\n\n');
    await readUntil(': ping\n\n');
    abort.abort();
  });

  it('closing the server ends open streams instead of waiting for them', async () => {
    const res = await fetch(`${server.url}/_control/stream`);
    const reader = res.body!.getReader();
    await reader.read();
    await server.close();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
  });
});

describe('mounting the plugin under a prefix', () => {
  it('serves Graph, control and the phone page under the prefix', async () => {
    const emulator = createEmulator({ appSecret: APP_SECRET });
    const app = Fastify();
    await app.register(emulator.plugin, { prefix: '/emulator' });
    const state = await app.inject({ method: 'GET', url: '/emulator/_control/state' });
    expect(state.json().businessNumbers[0].phoneNumberId).toBe('100000000000001');
    const page = await app.inject({ method: 'GET', url: '/emulator/phone/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/emulator/_control');
    const send = await app.inject({
      method: 'POST',
      url: '/emulator/v23.0/100000000000001/messages',
      headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` },
      payload: {
        messaging_product: 'whatsapp',
        to: '16505551234',
        type: 'template',
        template: { name: 'hello_world', language: { code: 'en_US' } },
      },
    });
    expect(send.statusCode).toBe(200);
    expect(send.json().messages[0].message_status).toBe('accepted');
    await emulator.close();
    await app.close();
  });
});
