import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  testAppSecret,
  testApiKey,
  type TestServer,
} from '../../test-support/test-server.js';
import { metaJsonStringify } from '@switchboard/whatsapp';
import { metaTextWebhook } from '../../test-support/meta-text-webhook.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The receiver over a real socket: the server's front door hands `POST /webhooks/meta` to it below
 * Fastify, so these requests never reach the Fastify route the `inject` tests use.
 */
describe('POST /webhooks/meta over a socket', () => {
  let t: TestServer;
  let port: number;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await t.server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.server.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  function send(
    method: string,
    path: string,
    options: { body?: Buffer; headers?: Record<string, string>; chunks?: Buffer[] } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers: options.headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString(),
          }),
        );
      });
      req.on('error', reject);
      for (const chunk of options.chunks ?? []) req.write(chunk);
      req.end(options.body);
    });
  }

  function signed(raw: Buffer): Record<string, string> {
    return { 'content-type': 'application/json', 'x-hub-signature-256': signMetaPayload(raw, testAppSecret) };
  }

  it('stores a signed webhook and answers 200 with a request id', async () => {
    const raw = Buffer.from(
      metaJsonStringify(metaTextWebhook({ waId: '4915112345678', wamid: 'wamid.SOCKET1', body: 'über 🎉' })),
    );
    const answer = await send('POST', '/webhooks/meta', { body: raw, headers: signed(raw) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ received: true });
    expect(answer.headers['x-request-id']).toMatch(/^req_/);
    await t.server.worker.settle();
    const list = await t.api('/v1/conversations');
    const messages = await t.api(`/v1/conversations/${list.json.data[0].id}/messages`);
    expect(messages.json.data.map((m: { content: { body?: string } }) => m.content.body)).toContain(
      'über 🎉',
    );
  });

  it('answers 401, 400 and 413 with the error envelope, and the query string does not matter', async () => {
    const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const unsigned = await send('POST', '/webhooks/meta?x=1', { body: raw });
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.body).error).toMatchObject({ code: 'invalid_signature' });
    expect(JSON.parse(unsigned.body).error.requestId).toBe(unsigned.headers['x-request-id']);

    const notJson = Buffer.from('{"object":');
    const bad = await send('POST', '/webhooks/meta', { body: notJson, headers: signed(notJson) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_json');

    const huge = Buffer.alloc(t.server.config.webhookBodyLimitBytes + 1, 0x20);
    const declared = await send('POST', '/webhooks/meta', { body: huge, headers: signed(huge) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('payload_too_large');

    // Chunked: no length up front, so the limit is found while reading.
    const half = huge.subarray(0, huge.length / 2);
    const streamed = await send('POST', '/webhooks/meta', {
      chunks: [half, half, Buffer.from('  ')],
      headers: { ...signed(huge), 'transfer-encoding': 'chunked' },
    });
    expect(streamed.status).toBe(413);
  });

  it('leaves everything else to Fastify: the handshake, the API, unknown routes', async () => {
    const handshake = await send(
      'GET',
      '/webhooks/meta?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42',
    );
    expect(handshake.status).toBe(200);
    expect(handshake.body).toBe('42');
    const api = await send('GET', '/v1/conversations', {
      headers: { authorization: `Bearer ${testApiKey}` },
    });
    expect(api.status).toBe(200);
    const missing = await send('PUT', '/webhooks/meta');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('route_not_found');
  });
});
