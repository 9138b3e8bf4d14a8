import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createServer, type Server } from '../main.js';
import { startD360Front, type D360Front } from '../providers/d360/test-support/d360-front.js';
import { freePort } from '../test-support/spawn-server.js';

const apiKey = 'e2e-d360-api-key-1';
const webhookToken = 'e2e-d360-webhook-token-0123456789abcdef';
const phoneNumberId = '100000000000361';
const undeliverable = '4915000036999';

/** A Switchboard whose only channel is 360dialog, the emulator behind a 360dialog front. */
describe('a 360dialog channel end to end', () => {
  let front: D360Front;
  let server: Server;
  let base: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: 'Bearer e2e-api-key-0123456789',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  const conversationOf = async (waId: string): Promise<{ id: string }> =>
    vi.waitFor(
      async () => {
        const found = (await api('GET', `/v1/conversations?q=${waId}`)).json.data[0];
        if (!found) throw new Error(`no conversation with ${waId} yet`);
        return found;
      },
      { timeout: 5000, interval: 25 },
    );

  beforeAll(async () => {
    front = await startD360Front({
      apiKey,
      phoneNumberId,
      customers: [{ waId: undeliverable, name: 'Nobody', undeliverable: true }],
      statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      WHATSAPP_PROVIDER: '360dialog',
      D360_API_KEY: apiKey,
      D360_BASE_URL: front.url,
      D360_PHONE_NUMBER_ID: phoneNumberId,
      D360_WEBHOOK_TOKEN: webhookToken,
      SWITCHBOARD_API_KEY: 'e2e-api-key-0123456789',
      SWITCHBOARD_TOKEN_SECRET: 'e2e-token-secret-0123456789abcdef',
      SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-d360-')),
      SWITCHBOARD_PUBLIC_URL: base,
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    server = await createServer(config, { logger: false, outbox: { pollMs: 50 } });
    await server.app.listen({ host: '127.0.0.1', port });
    await server.afterListen(port);
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await front?.close();
  });

  it('registers its webhook URL and token with 360dialog at start', async () => {
    expect(await server.webhookRegistration()).toEqual([]);
    expect(front.registered()).toEqual({
      url: `${base}/webhooks/360dialog`,
      headers: { 'X-Switchboard-Webhook-Token': webhookToken },
    });
  });

  it('takes a customer message from 360dialog into /v1 and the event stream', async () => {
    const waId = '4915000036001';
    front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo über 360dialog' } });
    const conversation = await conversationOf(waId);
    const messages = (await api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data;
    expect(messages).toMatchObject([
      { direction: 'inbound', type: 'text', content: { body: 'Hallo über 360dialog' } },
    ]);
    const events = (await api('GET', `/v1/events?after=0`)).json.events as {
      type: string;
      data: { id: string };
    }[];
    expect(events.some((e) => e.type === 'message.created' && e.data.id === messages[0].id)).toBe(true);
  });

  it('sends through 360dialog in the Cloud API shape and follows its statuses to read', async () => {
    const waId = '4915000036002';
    front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: 'Any news?' } });
    const conversation = await conversationOf(waId);
    const sent = await api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Your loan is approved.' },
    });
    expect(sent.status).toBe(202);
    await vi.waitFor(
      async () => expect((await api('GET', `/v1/messages/${sent.json.message.id}`)).json.status).toBe('read'),
      { timeout: 5000, interval: 25 },
    );
    const received = front.emulator.emulator.received(waId);
    expect(received).toHaveLength(1);
    expect(received[0]!.message).toMatchObject({ type: 'text', text: { body: 'Your loan is approved.' } });
  });

  it('syncs the templates 360dialog lists', async () => {
    const synced = await api('POST', '/v1/templates/sync', {});
    expect(synced.status).toBe(200);
    const listed = (await api('GET', '/v1/templates')).json.data as { name: string }[];
    expect(listed.map((t) => t.name)).toContain('hello_world');
  });

  it('lands a send the provider fails with its code', async () => {
    const opened = await api('POST', '/v1/conversations', { phone: `+${undeliverable}` });
    expect([200, 201]).toContain(opened.status);
    const sent = await api('POST', `/v1/conversations/${opened.json.conversation.id}/messages`, {
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(sent.status).toBe(202);
    await vi.waitFor(
      async () => {
        const message = (await api('GET', `/v1/messages/${sent.json.message.id}`)).json;
        expect(message).toMatchObject({ status: 'failed', error: { code: 131026, retryable: false } });
      },
      { timeout: 5000, interval: 25 },
    );
  });

  it('refuses webhooks without the token, with another token, or that are not JSON, and stays up', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${base}/webhooks/360dialog`, { method: 'POST', headers, body });
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
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
