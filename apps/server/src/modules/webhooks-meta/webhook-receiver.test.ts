import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  testAppSecret,
  testPhoneNumberId,
  type TestServer,
} from '../../test-support/test-server.js';

let n = 0;
const wamid = () => `wamid.RECEIVER${String(++n).padStart(6, '0')}==`;
const now = () => String(Math.floor(Date.now() / 1000));

const value = (parts: object, phoneNumberId = testPhoneNumberId) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
  ...parts,
});
const text = (from: string, body: string, id = wamid(), timestamp = now()) => ({
  from,
  id,
  timestamp,
  type: 'text',
  text: { body },
});
const contact = (waId: string, name: string) => ({ profile: { name }, wa_id: waId });
const body = (...entries: object[][]) => ({
  object: 'whatsapp_business_account',
  entry: entries.map((changes, i) => ({
    id: `waba-${i}`,
    changes: changes.map((v) => ({ field: 'messages', value: v })),
  })),
});

describe('POST /webhooks/meta', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { SWITCHBOARD_CONFIG: '' });
  });
  afterAll(() => t.close());

  const conversationFor = async (waId: string) => (await t.api(`/v1/conversations?q=${waId}`)).json.data[0];
  const messagesOf = async (waId: string) =>
    (await t.api(`/v1/conversations/${(await conversationFor(waId)).id}/messages?limit=200`)).json
      .data as any[];

  it('answers the verification handshake with the challenge, 403 otherwise', async () => {
    const ok = await t.server.app.inject(
      '/webhooks/meta?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    for (const query of [
      'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1',
      'hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1',
      '',
    ]) {
      const denied = await t.server.app.inject(`/webhooks/meta?${query}`);
      expect(denied.statusCode).toBe(403);
      expect(JSON.parse(denied.body).error.code).toBe('verification_failed');
    }
  });

  it('checks the signature on the raw bytes Meta signed (escaped non-ASCII)', async () => {
    const raw = JSON.stringify(
      body([value({ contacts: [contact('491701', 'Zoë')], messages: [text('491701', 'Grüße 🍕')] })]),
    );
    // Meta's bytes: non-ASCII escaped as \uXXXX, emoji as surrogate pairs.
    const escaped = raw.replace(
      /[\u0080-\uffff]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    );
    expect(escaped).toContain('\\ud83c\\udf55');
    expect((await t.postWebhook(escaped)).status).toBe(200);
    expect((await messagesOf('491701'))[0].content.body).toBe('Grüße 🍕');
    // Signed over the escaped bytes but delivered re-serialized (raw UTF-8): not authentic.
    const resigned = await t.postWebhook(raw, { signature: signMetaPayload(escaped, testAppSecret) });
    expect(resigned.status).toBe(401);
  });

  it('refuses missing, malformed and wrong signatures with 401 before parsing', async () => {
    const raw = '{"object":"whatsapp_business_account","entry":[]}';
    for (const signature of [
      null,
      '',
      'sha256=',
      'sha1=abc',
      'sha256=zz',
      `sha256=${'0'.repeat(64)}`,
      signMetaPayload(raw, 'other-secret'),
    ]) {
      const r = await t.postWebhook(raw, { signature });
      expect(r.status).toBe(401);
      expect((r.json as any).error.code).toBe('invalid_signature');
    }
    // Not JSON at all, unsigned: still 401, never 400 (nothing is parsed before the check).
    expect((await t.postWebhook('not json', { signature: null })).status).toBe(401);
  });

  it('answers 400 to signed bodies that are not JSON, and 413 over the size limit', async () => {
    for (const raw of ['{"object":', 'not json', '', '\u0000\u0001']) {
      const r = await t.postWebhook(raw);
      expect(r.status).toBe(400);
      expect((r.json as any).error.code).toBe('invalid_json');
    }
    // A body declared as something other than JSON is refused for what it says it is.
    const typed = await t.postWebhook(
      { object: 'whatsapp_business_account', entry: [] },
      {
        headers: { 'content-type': 'text/plain' },
      },
    );
    expect(typed.status).toBe(400);
    expect((typed.json as any).error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('application/json'),
    });
    const charset = await t.postWebhook(
      { object: 'whatsapp_business_account', entry: [] },
      {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    );
    expect(charset.status).toBe(200);
    const huge = '{"pad":"' + 'x'.repeat(4 * 1024 * 1024 + 1) + '"}';
    const r = await t.postWebhook(huge);
    expect(r.status).toBe(413);
    expect((r.json as any).error.code).toBe('payload_too_large');
  });

  it('acknowledges and ignores other objects and unknown fields', async () => {
    expect((await t.postWebhook({ object: 'page', entry: [{ id: '1', changes: [] }] })).status).toBe(200);
    const other = {
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] },
      ],
    };
    expect((await t.postWebhook(other)).status).toBe(200);
    const stored = await t.api('/v1/provider-webhooks?limit=2');
    expect(stored.json.data[0]).toMatchObject({
      status: 'processed',
      notes: { ignored: [expect.objectContaining({ field: 'message_template_status_update' })] },
    });
  });

  it('processes every entry, change and message of a batch, once, even when delivered twice', async () => {
    const a = text('491702', 'eins');
    const b = text('491702', 'zwei');
    const c = text('491703', 'drei');
    const d = text('491703', 'vier');
    const batch = body(
      [
        value({ contacts: [contact('491702', 'A')], messages: [a, b] }),
        value({ contacts: [contact('491703', 'C')], messages: [c] }),
      ],
      [value({ contacts: [contact('491703', 'C')], messages: [d] })],
    );
    const head = (await t.api('/v1/events?after=0&limit=1000')).json.next;
    expect((await t.postWebhook(batch)).status).toBe(200);
    const afterFirst = (await t.api(`/v1/events?after=${head}&limit=1000`)).json;
    expect((await t.postWebhook(batch)).status).toBe(200);
    expect((await t.api(`/v1/events?after=${afterFirst.next}`)).json.events).toEqual([]);
    expect((await messagesOf('491702')).map((m) => m.content.body)).toEqual(['eins', 'zwei']);
    expect((await messagesOf('491703')).map((m) => m.content.body)).toEqual(['drei', 'vier']);
    expect(afterFirst.events.filter((e: any) => e.type === 'message.created')).toHaveLength(4);
    expect((await conversationFor('491702')).unreadCount).toBe(2);
  });

  it('keeps and reports a webhook for a business number with no channel', async () => {
    const m = text('491704', 'wrong number');
    expect(
      (await t.postWebhook(body([value({ contacts: [contact('491704', 'X')], messages: [m] }, '999999')])))
        .status,
    ).toBe(200);
    const listed = await t.api('/v1/provider-webhooks?status=unroutable');
    expect(listed.json.counts.unroutable).toBe(1);
    expect(listed.json.data[0].notes.unroutable).toEqual(['999999']);
    expect(await conversationFor('491704')).toBeUndefined();
    const metrics = await t.server.app.inject('/metrics');
    expect(metrics.body).toMatch(/switchboard_webhooks_unroutable_total\{provider="meta"\} 1/);
  });

  it('shows every status with its time, out of order and duplicated, ending in the highest', async () => {
    await t.postWebhook(
      body([value({ contacts: [contact('491705', 'S')], messages: [text('491705', 'hallo')] })]),
    );
    const conversation = await conversationFor('491705');
    const sends = await t.server.store.transaction(async (tx) => {
      const make = (providerMessageId: string) =>
        tx.createOutboundMessage({
          conversationId: conversation.id,
          type: 'text',
          content: { body: 'Antwort' },
          clientMessageId: null,
          sentBy: 'api',
          providerMessageId,
          status: 'accepted',
          now: Date.now(),
        });
      return [await make('wamid.OUT1'), await make('wamid.OUT2'), await make('wamid.OUT3')];
    });
    const t0 = Math.floor(Date.now() / 1000) - 100;
    const status = (id: string, s: string, at: number, extra: object = {}) => ({
      id,
      status: s,
      timestamp: String(at),
      recipient_id: '491705',
      ...extra,
    });
    const pricing = {
      billable: true,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    };
    // read before delivered before sent, in one POST, then again.
    const statuses = body([
      value({
        statuses: [
          status('wamid.OUT1', 'read', t0 + 3),
          status('wamid.OUT1', 'delivered', t0 + 2, { pricing }),
          status('wamid.OUT1', 'sent', t0 + 1, { pricing }),
          status('wamid.OUT2', 'sent', t0 + 1),
          status('wamid.OUT2', 'failed', t0 + 2, {
            errors: [
              {
                code: 131047,
                title: 'Re-engagement message',
                message: 'Re-engagement message',
                error_data: { details: 'More than 24 hours have passed.' },
                href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
              },
            ],
          }),
          status('wamid.OUT3', 'played', t0 + 4),
          status('wamid.OUT3', 'read', t0 + 3),
        ],
      }),
    ]);
    await t.postWebhook(statuses);
    await t.postWebhook(statuses);
    const [one, two, three] = await Promise.all(
      sends.map(async (s) => (await t.api(`/v1/messages/${s.id}`)).json),
    );
    expect(one).toMatchObject({
      status: 'read',
      sentAt: new Date((t0 + 1) * 1000).toISOString(),
      deliveredAt: new Date((t0 + 2) * 1000).toISOString(),
      readAt: new Date((t0 + 3) * 1000).toISOString(),
    });
    expect(two).toMatchObject({
      status: 'failed',
      error: {
        code: 131047,
        title: 'Re-engagement message',
        details: 'More than 24 hours have passed.',
        retryable: false,
      },
    });
    expect(three.status).toBe('played');
    const timeline = (await t.api(`/v1/messages/${one.id}/timeline`)).json;
    expect(timeline.data.map((e: any) => [e.status, e.at])).toEqual([
      ['sent', new Date((t0 + 1) * 1000).toISOString()],
      ['delivered', new Date((t0 + 2) * 1000).toISOString()],
      ['read', new Date((t0 + 3) * 1000).toISOString()],
    ]);
    expect(timeline.data[0].pricing).toMatchObject({ category: 'service' });
    expect((await t.api(`/v1/messages/${two.id}/timeline`)).json.data.map((e: any) => e.status)).toEqual([
      'sent',
      'failed',
    ]);
  });

  it('keeps a status that arrives before its message and applies it later', async () => {
    const conversation = await conversationFor('491705');
    await t.postWebhook(
      body([
        value({
          statuses: [{ id: 'wamid.EARLY', status: 'delivered', timestamp: now(), recipient_id: '491705' }],
        }),
      ]),
    );
    const message = await t.server.store.transaction((tx) =>
      tx.createOutboundMessage({
        conversationId: conversation.id,
        type: 'text',
        content: { body: 'x' },
        clientMessageId: null,
        sentBy: 'api',
        providerMessageId: 'wamid.EARLY',
        status: 'accepted',
        now: Date.now(),
      }),
    );
    expect((await t.api(`/v1/messages/${message.id}`)).json.status).toBe('delivered');
  });

  it('counts received and rejected webhooks by reason', async () => {
    const metrics = (await t.server.app.inject('/metrics')).body;
    expect(metrics).toMatch(/switchboard_webhooks_received_total\{provider="meta"\} \d+/);
    expect(metrics).toMatch(/switchboard_webhooks_rejected_total\{provider="meta",reason="signature"\} \d+/);
    expect(metrics).toMatch(/switchboard_webhooks_rejected_total\{provider="meta",reason="invalid_json"\} 4/);
    expect(metrics).toMatch(/switchboard_webhooks_rejected_total\{provider="meta",reason="too_large"\} 1/);
    expect(metrics).toMatch(/switchboard_events_appended_total \d+/);
    expect(metrics).toMatch(/switchboard_ingest_duration_seconds_bucket/);
  });
});
