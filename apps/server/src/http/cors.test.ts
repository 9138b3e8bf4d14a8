import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testApiKey, type TestServer } from '../test-support/test-server.js';

describe('CORS', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { SWITCHBOARD_CORS_ORIGINS: 'https://app.bank.example' });
  });
  afterAll(() => t.close());

  const preflight = (origin: string, url = '/v1/conversations') =>
    t.server.app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });

  it('answers a preflight from an allowed origin with the headers the SDK sends', async () => {
    for (const url of [
      '/v1/conversations',
      '/v1/conversations/conv_1/messages',
      '/v1/events/stream',
      '/v1/media',
    ]) {
      const r = await preflight('https://app.bank.example', url);
      expect(r.statusCode, url).toBe(204);
      expect(r.headers['access-control-allow-origin']).toBe('https://app.bank.example');
      expect(String(r.headers['access-control-allow-headers'])).toMatch(/idempotency-key/);
      expect(String(r.headers['access-control-allow-headers'])).toMatch(/authorization/);
      expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(r.headers.vary)).toMatch(/origin/i);
    }
  });

  it('gives another origin no CORS header, on the preflight and on the request', async () => {
    const r = await preflight('https://evil.example');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.server.app.inject({
      url: '/v1/conversations',
      headers: { origin: 'https://evil.example', authorization: `Bearer ${testApiKey}` },
    });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed page read answers and the headers it needs, errors included', async () => {
    const ok = await t.server.app.inject({
      url: '/v1/conversations',
      headers: { origin: 'https://app.bank.example', authorization: `Bearer ${testApiKey}` },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.bank.example');
    expect(String(ok.headers['access-control-expose-headers'])).toMatch(/x-request-id/);
    const unauthorized = await t.server.app.inject({
      url: '/v1/conversations',
      headers: { origin: 'https://app.bank.example' },
    });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('https://app.bank.example');
  });
});
