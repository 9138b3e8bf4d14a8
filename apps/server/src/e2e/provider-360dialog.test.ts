import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d360Env, startD360Front, type D360Front } from '../providers/d360/test-support/d360-front.js';
import { startProviderServer, type ProviderServer } from './test-support/provider-server.js';

const apiKey = 'e2e-d360-api-key-1';
const webhookToken = 'e2e-d360-webhook-token-0123456789abcdef';
const phoneNumberId = '100000000000361';
const undeliverable = '4915000036999';

/** A Switchboard whose only channel is 360dialog, the emulator behind a 360dialog front. */
describe('a 360dialog channel end to end', () => {
  let front: D360Front;
  let t: ProviderServer;

  beforeAll(async () => {
    front = await startD360Front({
      apiKey,
      phoneNumberId,
      customers: [{ waId: undeliverable, name: 'Nobody', undeliverable: true }],
      statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    });
    t = await startProviderServer(() => d360Env(front, webhookToken));
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await front?.close();
  });

  it('registers its webhook URL and token with 360dialog at start', async () => {
    expect(await t.server.webhookRegistration()).toEqual([]);
    expect(front.registered()).toEqual({
      url: `${t.base}/webhooks/360dialog`,
      headers: { 'X-Switchboard-Webhook-Token': webhookToken },
    });
  });

  it('takes a customer message from 360dialog into /v1 and the event stream', async () => {
    const waId = '4915000036001';
    front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo über 360dialog' } });
    const conversation = await t.conversationOf(waId);
    const messages = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data;
    expect(messages).toMatchObject([
      { direction: 'inbound', type: 'text', content: { body: 'Hallo über 360dialog' } },
    ]);
    const events = (await t.api('GET', `/v1/events?after=0`)).json.events as {
      type: string;
      data: { id: string };
    }[];
    expect(events.some((e) => e.type === 'message.created' && e.data.id === messages[0].id)).toBe(true);
  });

  it('sends through 360dialog in the Cloud API shape and follows its statuses to read', async () => {
    const waId = '4915000036002';
    front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: 'Any news?' } });
    const conversation = await t.conversationOf(waId);
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Your loan is approved.' },
    });
    expect(sent.status).toBe(202);
    await t.statusOf(sent.json.message.id, 'read');
    const received = front.emulator.emulator.received(waId);
    expect(received).toHaveLength(1);
    expect(received[0]!.message).toMatchObject({ type: 'text', text: { body: 'Your loan is approved.' } });
  });

  it('syncs the templates 360dialog lists', async () => {
    const synced = await t.api('POST', '/v1/templates/sync', {});
    expect(synced.status).toBe(200);
    const listed = (await t.api('GET', '/v1/templates')).json.data as { name: string }[];
    expect(listed.map((t) => t.name)).toContain('hello_world');
  });

  it('lands a send the provider fails with its code', async () => {
    const opened = await t.api('POST', '/v1/conversations', { phone: `+${undeliverable}` });
    expect([200, 201]).toContain(opened.status);
    const sent = await t.api('POST', `/v1/conversations/${opened.json.conversation.id}/messages`, {
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(sent.status).toBe(202);
    const failed = await t.statusOf(sent.json.message.id, 'failed');
    expect(failed.error).toMatchObject({ code: 131026, retryable: false });
  });

  it('refuses webhooks without the token, with another token, or that are not JSON, and stays up', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${t.base}/webhooks/360dialog`, { method: 'POST', headers, body });
    const payload = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    expect((await post({ 'content-type': 'application/json' }, payload)).status).toBe(401);
    const wrong = await post(
      { 'content-type': 'application/json', 'x-switchboard-webhook-token': 'guess' },
      payload,
    );
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    const token = { 'x-switchboard-webhook-token': webhookToken };
    expect((await post({ ...token, 'content-type': 'application/json' }, '{"object":')).status).toBe(400);
    expect((await post({ ...token, 'content-type': 'text/plain' }, 'hello')).status).toBe(400);
    expect((await post({ ...token, 'content-type': 'application/json' }, payload)).status).toBe(200);
    // Over the body limit: refused before it is read in full. A huge field under it is kept.
    const oversized = JSON.stringify({
      object: 'whatsapp_business_account',
      pad: 'x'.repeat(5 * 1024 * 1024),
    });
    expect((await post({ ...token, 'content-type': 'application/json' }, oversized)).status).toBe(413);
    const bigField = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(1024 * 1024),
    });
    expect((await post({ ...token, 'content-type': 'application/json' }, bigField)).status).toBe(200);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  });
});
