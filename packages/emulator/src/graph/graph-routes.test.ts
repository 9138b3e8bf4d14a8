import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  CUSTOMER,
  expectGraphError,
  message,
  PHONE_NUMBER_ID,
  TOKEN,
  WABA_ID,
  type GraphTestApp,
} from './test-support/graph-test-app.js';

const text = message('text', { text: { body: 'hi' } });

describe('Graph routes: tokens, paths and the error shape', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
  });
  afterEach(async () => {
    await t.app.close();
  });

  it('accepts any /vNN.N/ prefix, or none', async () => {
    for (const url of [
      `/v23.0/${PHONE_NUMBER_ID}/messages`,
      `/v19.0/${PHONE_NUMBER_ID}/messages`,
      `/${PHONE_NUMBER_ID}/messages`,
    ]) {
      const response = await t.request('POST', url, text);
      expect(response.statusCode, url).toBe(200);
    }
  });

  it('answers 401 / 190 without a token, with a wrong one and with a malformed header', async () => {
    const url = `/v23.0/${PHONE_NUMBER_ID}/messages`;
    const missing = await t.app.inject({ method: 'POST', url, payload: text });
    expectGraphError(missing, 190, 'access token is required', 401);
    expect(missing.headers['www-authenticate']).toContain('OAuth');
    expect(missing.json().error.error_subcode).toBeUndefined();

    const wrong = await t.app.inject({
      method: 'POST',
      url,
      payload: text,
      headers: { authorization: 'Bearer nope' },
    });
    expectGraphError(wrong, 190, 'Invalid OAuth access token', 401);

    const malformed = await t.app.inject({
      method: 'POST',
      url,
      payload: text,
      headers: { authorization: TOKEN },
    });
    expectGraphError(malformed, 190, undefined, 401);
  });

  it('takes the token from access_token in the query too, and the OAuth scheme', async () => {
    const viaQuery = await t.app.inject({
      method: 'POST',
      url: `/v23.0/${PHONE_NUMBER_ID}/messages?access_token=${TOKEN}`,
      payload: text,
    });
    expect(viaQuery.statusCode).toBe(200);
    const oauth = await t.app.inject({
      method: 'POST',
      url: `/v23.0/${PHONE_NUMBER_ID}/messages`,
      payload: text,
      headers: { authorization: `OAuth ${TOKEN}` },
    });
    expect(oauth.statusCode).toBe(200);
  });

  it('answers 190 / 463 once a token has expired on the emulator clock', async () => {
    t.accessTokens.push({ token: 'short-lived', expiresAt: t.clock.now() + 60_000 });
    const call = () =>
      t.app.inject({
        method: 'POST',
        url: `/v23.0/${PHONE_NUMBER_ID}/messages`,
        payload: text,
        headers: { authorization: 'Bearer short-lived' },
      });
    expect((await call()).statusCode).toBe(200);
    t.clock.advance(60_000);
    const expired = await call();
    expectGraphError(expired, 190, 'Session has expired', 401);
    expect(expired.json().error.error_subcode).toBe(463);
  });

  it('checks the token before the path, so unknown ids still answer 190 first', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v23.0/999' });
    expectGraphError(response, 190, undefined, 401);
  });

  it('answers an unknown phone number id with 100 / 33 (GraphMethodException, no error_data)', async () => {
    const response = await t.request('POST', '/v23.0/123456789/messages', text);
    expectGraphError(response, 100, "Object with ID '123456789' does not exist", 400);
    const error = response.json().error;
    expect(error).toMatchObject({ type: 'GraphMethodException', error_subcode: 33 });
    expect(error.message).toMatch(/^Unsupported post request/);
    expect(error.error_data).toBeUndefined();
  });

  it('answers a method the object does not support with 100 / 33', async () => {
    const response = await t.request('GET', `/v23.0/${PHONE_NUMBER_ID}/messages`);
    expectGraphError(response, 100, 'Unsupported get request', 400);
    expect(response.json().error.error_subcode).toBe(33);
  });

  it('answers an edge the object does not have, or a deeper path, with "Unknown path components"', async () => {
    const edge = await t.request('POST', `/v23.0/${PHONE_NUMBER_ID}/nonsense`, {});
    expectGraphError(edge, 2500, 'Unknown path components: /nonsense', 400);
    const deeper = await t.request('GET', `/v23.0/${WABA_ID}/message_templates/extra`);
    expectGraphError(deeper, 2500, 'Unknown path components: /message_templates/extra');
    const root = await t.request('GET', '/v23.0');
    expectGraphError(root, 2500);
  });

  it('answers WhatsApp errors in Meta shape, with error_data and a fbtrace_id', async () => {
    const response = await t.send({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: {} });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toEqual({
      error: {
        message: '(#131008) Required parameter is missing',
        type: 'OAuthException',
        code: 131008,
        error_data: { messaging_product: 'whatsapp', details: "The parameter text['body'] is required." },
        fbtrace_id: expect.stringMatching(/^[A-Za-z0-9_-]{23}$/),
      },
    });
  });

  it('answers malformed JSON with 100', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v23.0/${PHONE_NUMBER_ID}/messages`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: '{"messaging_product":',
    });
    expectGraphError(response, 100, undefined, 400);
  });

  it('answers GET /{phone-number-id} with the number, and optional fields on request', async () => {
    const response = await t.request(
      'GET',
      `/v23.0/${PHONE_NUMBER_ID}?fields=code_verification_status,throughput`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      verified_name: 'Acme',
      display_phone_number: '+15550783881',
      quality_rating: 'GREEN',
      code_verification_status: 'VERIFIED',
      throughput: { level: 'STANDARD' },
      id: PHONE_NUMBER_ID,
    });
  });
});

describe('Graph routes mounted under a prefix', () => {
  let t: GraphTestApp;
  afterEach(async () => {
    await t.app.close();
  });

  it('read node and edge below the mount prefix, so paths mean the same as at the root', async () => {
    t = await buildGraphTestApp({ prefix: '/emulator' });
    expect((await t.send(text)).statusCode).toBe(200);
    expect((await t.request('POST', `/${PHONE_NUMBER_ID}/messages`, text)).statusCode).toBe(200);
    const number = await t.request('GET', `/v23.0/${PHONE_NUMBER_ID}`);
    expect(number.json().id).toBe(PHONE_NUMBER_ID);
    const templates = await t.request('GET', `/v23.0/${WABA_ID}/message_templates`);
    expect(templates.statusCode).toBe(200);
    // Errors name the Graph path, never the prefix.
    const edge = await t.request('POST', `/v23.0/${PHONE_NUMBER_ID}/nonsense`, {});
    expectGraphError(edge, 2500, /^Unknown path components: \/nonsense$/, 400);
    const unknown = await t.request('GET', '/v23.0/404404404');
    expectGraphError(unknown, 100, "Object with ID '404404404' does not exist");
    // The prefix itself is not a Graph node.
    expectGraphError(await t.request('GET', '/v23.0'), 2500);
  });

  it('works under a parametric prefix, where the URL does not start with the declared prefix', async () => {
    t = await buildGraphTestApp({ prefix: '/tenants/:tenant/graph' });
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
    const number = await get(`/tenants/acme/graph/v23.0/${PHONE_NUMBER_ID}`);
    expect(number.statusCode).toBe(200);
    expect(number.json().id).toBe(PHONE_NUMBER_ID);
    const mediaId = t.storeMedia('image/jpeg');
    const media = await get(`/tenants/acme/graph/v23.0/${mediaId}`);
    expect(media.json()).toMatchObject({ id: mediaId, mime_type: 'image/jpeg' });
  });
});
