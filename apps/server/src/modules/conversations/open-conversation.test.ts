import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaTextWebhook } from '../../test-support/meta-text-webhook.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';

const open = (t: TestServer, body: unknown, key?: string) =>
  t.api('/v1/conversations', { method: 'POST', body, ...(key === undefined ? {} : { key }) });

describe('POST /v1/conversations (find or create by number)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    // A customer who wrote first, under nobody's ref yet.
    await t.postWebhook(
      metaTextWebhook({
        waId: '4917000000001',
        name: 'Ines',
        wamid: 'wamid.OPEN1',
        timestamp: 1750000000,
        body: 'Hallo',
      }),
    );
  });
  afterAll(() => t.close());

  it('creates the conversation with the ref (201), then finds it again by any spelling of the number (200)', async () => {
    const created = await open(t, { phone: '+49 30 00000-0077', ref: 'CASE-77' });
    expect(created.status).toBe(201);
    expect(created.json.conversation).toMatchObject({
      refs: ['CASE-77'],
      contact: { waId: '4930000000077' },
    });
    const again = await open(t, { phone: '4930000000077', ref: 'CASE-77' });
    expect(again.status).toBe(200);
    expect(again.json.conversation.id).toBe(created.json.conversation.id);
    const secondRef = await open(t, { phone: '(+49) 30.00000.0077', ref: 'CASE-78' });
    expect(secondRef.status).toBe(200);
    expect(secondRef.json.conversation.refs).toEqual(['CASE-77', 'CASE-78']);
    const events = (await t.api('/v1/events?after=0&limit=1000')).json.events;
    const mine = events.filter((e: any) => e.conversationId === created.json.conversation.id);
    expect(mine.map((e: any) => e.type)).toEqual([
      'conversation.created',
      'conversation.updated',
      'conversation.updated',
    ]);
  });

  it('refuses a malformed number with 400 and a message that says what to send', async () => {
    const bad = await open(t, { phone: '030 1234 5678', ref: 'CASE-1' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(JSON.stringify(bad.json.error)).toMatch(/country code/);
    expect((await open(t, { phone: '+4930000000077', extra: 1 })).status).toBe(400);
  });

  it('lets an agent open a conversation only under one of its refs', async () => {
    const agent = await t.mintToken({ sub: 'alice', refs: ['CASE-A'] });
    const forbidden = await open(t, { phone: '+4930000000088', ref: 'CASE-OTHER' }, agent);
    expect(forbidden.status).toBe(403);
    expect((await open(t, { phone: '+4930000000088' }, agent)).status).toBe(403);
    const mine = await open(t, { phone: '+4930000000088', ref: 'CASE-A' }, agent);
    expect(mine.status).toBe(201);
    expect((await t.api(`/v1/conversations/${mine.json.conversation.id}`, { key: agent })).status).toBe(200);
  });

  it("never pulls an existing customer outside the agent's scope into it", async () => {
    const agent = await t.mintToken({ sub: 'bob', refs: ['CASE-B'] });
    const r = await open(t, { phone: '+4917000000001', ref: 'CASE-B' }, agent);
    expect(r.status).toBe(404);
    const found = await open(t, { phone: '+4917000000001' });
    expect(found.json.conversation.refs).toEqual([]);
  });
});
