import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentTokens } from '../../auth/agent-token.js';
import { startTestServer, testTokenSecret, type TestServer } from '../../test-support/test-server.js';

describe('POST /v1/tokens', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.close());

  const mint = (body: unknown, key?: string | null) => t.api('/v1/tokens', { method: 'POST', body, key });

  it('mints an agent token for the API key: {token, expiresAt}', async () => {
    const before = Date.now();
    const r = await mint({ sub: 'alice', refs: ['CASE-1'], ttlSeconds: 120 });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['expiresAt', 'token']);
    const expiresAt = Date.parse(r.json.expiresAt);
    expect(new Date(expiresAt).toISOString()).toBe(r.json.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 120_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 120_000);
    const principal = await new AgentTokens(testTokenSecret).verify(r.json.token);
    expect(principal).toEqual({
      kind: 'agent',
      sub: 'alice',
      scope: { all: false, refs: ['CASE-1'], conversations: [] },
      expiresAt,
    });
    // The token works on the API at once.
    expect((await t.api('/v1/conversations', { key: r.json.token })).status).toBe(200);
  });

  it('defaults to an hour and accepts conversations or all', async () => {
    const r = await mint({ sub: 'bob', conversations: ['conv_1'] });
    expect(Date.parse(r.json.expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    expect(Date.parse(r.json.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    expect((await mint({ sub: 'sup', all: true })).status).toBe(200);
    expect((await mint({ sub: 'x', refs: [] })).status).toBe(200);
  });

  it('validates the grant', async () => {
    const long = 'x'.repeat(201);
    const invalid: Record<string, unknown> = {
      'no body': undefined,
      'no sub': { refs: ['A'] },
      'empty sub': { sub: '', refs: ['A'] },
      'blank sub': { sub: '   ', refs: ['A'] },
      'sub too long': { sub: long, refs: ['A'] },
      'sub not a string': { sub: 7, refs: ['A'] },
      'no scope': { sub: 'a' },
      'all false alone': { sub: 'a', all: false },
      'refs not an array': { sub: 'a', refs: 'A' },
      'empty ref': { sub: 'a', refs: [''] },
      'ref too long': { sub: 'a', refs: [long] },
      'ref not a string': { sub: 'a', refs: [1] },
      'too many refs': { sub: 'a', refs: Array.from({ length: 1001 }, (_, i) => `R${i}`) },
      'empty conversation id': { sub: 'a', conversations: [''] },
      'conversation id too long': { sub: 'a', conversations: [long] },
      'too many conversations': { sub: 'a', conversations: Array.from({ length: 1001 }, (_, i) => `c${i}`) },
      'ttl zero': { sub: 'a', refs: ['A'], ttlSeconds: 0 },
      'ttl over a day': { sub: 'a', refs: ['A'], ttlSeconds: 86_401 },
      'ttl fractional': { sub: 'a', refs: ['A'], ttlSeconds: 1.5 },
      'ttl a string': { sub: 'a', refs: ['A'], ttlSeconds: '60' },
      'unknown field': { sub: 'a', ref: 'A' },
    };
    for (const [name, body] of Object.entries(invalid)) {
      const r = await mint(body);
      expect([r.status, r.json.error?.code], name).toEqual([
        400,
        body === undefined ? expect.any(String) : 'validation_failed',
      ]);
    }
    const limits = await mint({
      sub: 'x'.repeat(200),
      refs: Array.from({ length: 1000 }, (_, i) => `R${i}`),
      ttlSeconds: 86_400,
    });
    expect(limits.status).toBe(200);
    expect((await mint({ sub: 'a', refs: ['A'], ttlSeconds: 1 })).status).toBe(200);
  });

  it('is for the app backend only: 401 without the key, 403 for agent tokens', async () => {
    expect((await mint({ sub: 'a', refs: ['A'] }, null)).status).toBe(401);
    const agent = await t.mintToken({ sub: 'alice', all: true });
    const r = await mint({ sub: 'alice', all: true, ttlSeconds: 86_400 }, agent);
    expect([r.status, r.json.error.code]).toEqual([403, 'forbidden']);
  });
});
