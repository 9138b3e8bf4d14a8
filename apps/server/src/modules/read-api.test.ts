import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaTextWebhook } from '../test-support/meta-text-webhook.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('the read API', () => {
  let t: TestServer;
  let conversationId: string;
  let messageId: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await t.postWebhook(
      metaTextWebhook({
        waId: '4917099',
        name: 'Mara',
        wamid: 'wamid.READ1',
        timestamp: 1750000000,
        body: 'Kredit?',
        displayPhoneNumber: '1555',
      }),
    );
    conversationId = (await t.api('/v1/conversations')).json.data[0].id;
    messageId = (await t.api(`/v1/conversations/${conversationId}/messages`)).json.data[0].id;
  });
  afterAll(() => t.close());

  it('requires the API key on every /v1 route', async () => {
    const routes = [
      '/v1/conversations',
      `/v1/conversations/${conversationId}`,
      `/v1/conversations/${conversationId}/messages`,
      `/v1/messages/${messageId}`,
      `/v1/messages/${messageId}/timeline`,
      '/v1/events',
      '/v1/provider-webhooks',
    ];
    for (const route of routes) {
      for (const key of [null, 'wrong-key', 'test-api-key-012345678', 'test-api-key-01234567890']) {
        const r = await t.api(route, { key });
        expect(r.status, `${route} with ${key}`).toBe(401);
        expect(r.json.error).toMatchObject({
          code: 'unauthorized',
          requestId: expect.stringMatching(/^req_/),
        });
      }
      expect((await t.api(route)).status).toBe(200);
    }
    expect(
      (await t.api(`/v1/conversations/${conversationId}`, { method: 'PATCH', body: { refs: [] }, key: null }))
        .status,
    ).toBe(401);
  });

  it('answers unknown ids and routes with 404 in the error envelope', async () => {
    for (const path of [
      '/v1/conversations/conv_nope',
      '/v1/conversations/conv_nope/messages',
      '/v1/messages/msg_nope',
      '/v1/messages/msg_nope/timeline',
      '/v1/nothing-here',
    ]) {
      const r = await t.api(path);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toMatch(/not_found/);
      expect(typeof r.json.error.message).toBe('string');
    }
    expect(
      (await t.api('/v1/conversations/conv_nope', { method: 'PATCH', body: { assignee: 'a' } })).status,
    ).toBe(404);
  });

  it('patches refs and assignee and filters by ref', async () => {
    const r = await t.api(`/v1/conversations/${conversationId}`, {
      method: 'PATCH',
      body: { refs: ['CASE-1'], assignee: 'alice' },
    });
    expect(r.json).toMatchObject({ id: conversationId, refs: ['CASE-1'], assignee: 'alice' });
    expect((await t.api('/v1/conversations?ref=CASE-1')).json.data.map((c: any) => c.id)).toEqual([
      conversationId,
    ]);
    expect((await t.api('/v1/conversations?ref=CASE-2')).json.data).toEqual([]);
    const cleared = await t.api(`/v1/conversations/${conversationId}`, {
      method: 'PATCH',
      body: { assignee: null },
    });
    expect(cleared.json).toMatchObject({ refs: ['CASE-1'], assignee: null });
  });

  it('serves events after a cursor with the next cursor', async () => {
    const all = (await t.api('/v1/events?after=0&limit=1000')).json;
    expect(all.recovered).toBe(true);
    expect(all.next).toBe(all.events.at(-1).seq);
    const rest = (await t.api(`/v1/events?after=1&limit=2`)).json;
    expect(rest.events.map((e: any) => e.seq)).toEqual([2, 3]);
    expect((await t.api(`/v1/events?after=${all.next}`)).json).toEqual({
      events: [],
      next: all.next,
      recovered: true,
    });
    expect(
      (await t.api(`/v1/events?after=0&conversationId=${conversationId}`)).json.events.length,
    ).toBeGreaterThan(0);
    expect(
      (await t.api('/v1/events?after=0&ref=CASE-1')).json.events.every(
        (e: any) => e.conversationId === conversationId,
      ),
    ).toBe(true);
  });

  it('publishes OpenAPI, docs, health, readiness and metrics', async () => {
    const openapi = await t.server.app.inject('/openapi.json');
    expect(openapi.statusCode).toBe(200);
    const spec = JSON.parse(openapi.body);
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/conversations',
        '/v1/conversations/{id}',
        '/v1/conversations/{id}/messages',
        '/v1/messages/{id}',
        '/v1/messages/{id}/timeline',
        '/v1/events',
      ]),
    );
    expect((await t.server.app.inject('/docs')).statusCode).toBeLessThan(400);
    expect((await t.server.app.inject('/healthz')).statusCode).toBe(200);
    expect(JSON.parse((await t.server.app.inject('/readyz')).body)).toEqual({ status: 'ready' });
    const metrics = await t.server.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
  });
});
