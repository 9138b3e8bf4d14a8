import { metaJsonStringify } from '@switchboard/whatsapp';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testPhoneNumberId, type TestServer } from '../../test-support/test-server.js';

const valid = () => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: testPhoneNumberId },
            contacts: [{ profile: { name: 'Eve' }, wa_id: '4915000000666' }],
            messages: [
              {
                from: '4915000000666',
                id: `wamid.H${Math.random()}`,
                timestamp: '1750000000',
                type: 'text',
                text: { body: 'hi' },
              },
              {
                from: '4915000000666',
                id: `wamid.I${Math.random()}`,
                timestamp: '1750000000',
                type: 'image',
                image: { id: '1', mime_type: 'image/jpeg', sha256: 'x' },
                context: { id: 'wamid.x', from: '1' },
              },
            ],
            statuses: [
              {
                id: 'wamid.S',
                status: 'read',
                timestamp: '1750000000',
                recipient_id: '4915000000666',
                errors: [{ code: 1 }],
              },
            ],
          },
        },
      ],
    },
  ],
});

/** Every path to a leaf or object of a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Object.entries(value).flatMap(([k, v]) =>
    paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]),
  );
  return [prefix, ...children];
}

function setAt(root: any, path: (string | number)[], replacement: unknown): any {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = replacement;
  return copy;
}

describe('hostile webhook input never gets a 5xx and never stops the server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.close());

  it('accepts and survives a wrong type in every field', async () => {
    const wrongTypes = [
      null,
      0,
      -1.5,
      '',
      'x'.repeat(300),
      true,
      [],
      {},
      [null],
      { a: { b: [] } },
      '🍕',
      1e308,
    ];
    const all = paths(valid()).filter((p) => p.length > 0);
    for (const path of all) {
      for (const replacement of wrongTypes) {
        const r = await t.postWebhook(setAt(valid(), path, replacement));
        expect(r.status, `${path.join('.')} = ${JSON.stringify(replacement)}`).toBe(200);
      }
    }
    expect((await t.server.app.inject('/healthz')).statusCode).toBe(200);
    // Everything accepted was stored and none of it is stuck waiting for a retry.
    expect((await t.api('/v1/provider-webhooks?limit=1')).json.counts.pending).toBe(0);
  });

  it('accepts arbitrary JSON values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const r = await t.postWebhook(Buffer.from(metaJsonStringify(value)));
        expect(r.status).toBe(200);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths(valid()).filter((p) => p.length > 0)),
        fc.jsonValue(),
        async (path, replacement) => {
          expect((await t.postWebhook(setAt(valid(), path, replacement))).status).toBe(200);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles deeply nested JSON and huge strings', async () => {
    const depth = 50_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    expect((await t.postWebhook(`{"object":"whatsapp_business_account","entry":${nested}}`)).status).toBe(
      200,
    );
    const deepInMessage = JSON.stringify(valid()).replace('"body":"hi"', `"body":"hi","deep":${nested}`);
    expect((await t.postWebhook(deepInMessage)).status).toBe(200);
    const unknownDeep = JSON.stringify(valid()).replace(
      '"type":"text","text":{"body":"hi"}',
      `"type":"novel","novel":${nested}`,
    );
    expect((await t.postWebhook(unknownDeep)).status).toBe(200);
    // 500,000 × \u00e4 is 3 MB on the wire, Meta's own maximum.
    const huge = valid();
    huge.entry[0]!.changes[0]!.value.messages[0]!.text!.body = 'ä'.repeat(500_000);
    expect((await t.postWebhook(huge)).status).toBe(200);
    expect((await t.api('/v1/provider-webhooks?limit=1')).json.counts.pending).toBe(0);
    const conversation = (await t.api('/v1/conversations?q=4915000000666')).json.data[0];
    const messages = (await t.api(`/v1/conversations/${conversation.id}/messages?limit=200`)).json
      .data as any[];
    expect(messages.some((m) => m.content.body?.length === 500_000)).toBe(true);
    expect(messages.some((m) => m.type === 'unsupported' && m.content.originalType === 'novel')).toBe(true);
  });

  it('answers hostile requests to the API with the error envelope', async () => {
    for (const path of [
      '/v1/conversations?limit=abc',
      '/v1/conversations?limit=100000',
      '/v1/events?after=-1',
      '/v1/conversations?cursor=%00%ff',
    ]) {
      const r = await t.api(path);
      expect(r.status).toBe(400);
      expect(typeof r.json.error.code).toBe('string');
    }
    const conversation = (await t.api('/v1/conversations?limit=1')).json.data[0];
    for (const body of [
      { refs: 'CASE-1' },
      { refs: [1] },
      { refs: ['x'.repeat(500)] },
      { assignee: 5 },
      { unknown: true },
      [1, 2],
    ]) {
      const r = await t.api(`/v1/conversations/${conversation.id}`, { method: 'PATCH', body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe('validation_failed');
    }
    const bad = await t.server.app.inject({
      method: 'PATCH',
      url: `/v1/conversations/${conversation.id}`,
      headers: { authorization: 'Bearer test-api-key-0123456789', 'content-type': 'application/json' },
      payload: '{"refs":',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_json');
  });
});
