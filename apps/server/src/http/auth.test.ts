import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentTokens } from '../auth/agent-token.js';
import { installAuth, principalOf, scopeOfRequest } from './auth.js';
import { installErrorHandling } from './error-handler.js';
import { loggerOptions, stripToken } from './logger-options.js';

const apiKey = 'hook-test-api-key-0123456789';
const tokens = new AgentTokens('hook-test-token-secret-0123456789');

describe('the /v1 auth hook', () => {
  let app: FastifyInstance;
  let agent: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log: FastifyBaseLogger = pino(loggerOptions('info'), sink);
    app = Fastify({ loggerInstance: log });
    installErrorHandling(app);
    await app.register(async (v1) => {
      installAuth(v1, { apiKey, tokens });
      v1.get('/v1/plain', async (request) => ({ principal: principalOf(request) }));
      v1.get('/v1/stream', { config: { allowQueryToken: true } }, async (request) => ({
        scope: scopeOfRequest(request),
      }));
      v1.get('/v1/backend', { config: { apiKeyOnly: true } }, async () => ({ ok: true }));
      v1.get('/v1/socket', { config: { allowQueryToken: true, deferAuthErrors: true } }, async (request) => ({
        principal: request.principal,
        error: request.authError?.code ?? null,
      }));
    });
    agent = (await tokens.mint({ sub: 'alice', refs: ['CASE-1'], ttlSeconds: 60 })).token;
  });
  afterAll(() => app.close());

  const get = async (url: string, bearer?: string) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
    return { status: response.statusCode, json: response.json() };
  };

  it('sets the principal from the API key or an agent token in the Authorization header', async () => {
    expect((await get('/v1/plain', apiKey)).json).toEqual({ principal: { kind: 'apiKey' } });
    expect((await get('/v1/plain', agent)).json.principal).toMatchObject({
      kind: 'agent',
      sub: 'alice',
      scope: { all: false, refs: ['CASE-1'], conversations: [] },
    });
    expect((await get('/v1/plain')).status).toBe(401);
    expect((await get('/v1/plain', 'nope')).json.error.code).toBe('unauthorized');
  });

  it('accepts ?token= only on routes that opt in, and only for agent tokens', async () => {
    expect((await get(`/v1/plain?token=${agent}`)).status).toBe(401);
    expect((await get(`/v1/stream?token=${agent}`)).json.scope).toEqual({
      all: false,
      refs: ['CASE-1'],
      conversations: [],
    });
    expect((await get(`/v1/stream?after=3&token=${encodeURIComponent(agent)}`)).status).toBe(200);
    // The API key never travels in a URL.
    expect((await get(`/v1/stream?token=${apiKey}`)).status).toBe(401);
    // An encoded parameter name would slip past the log redaction, so it is not a credential.
    expect((await get(`/v1/stream?%74oken=${agent}`)).status).toBe(401);
    // The header wins over the query.
    expect((await get(`/v1/stream?token=${agent}`, apiKey)).json.scope).toEqual({ all: true });
    expect((await get(`/v1/stream?token=${agent}`, 'wrong')).status).toBe(401);
  });

  it('answers 403 forbidden to agent tokens on API-key-only routes', async () => {
    expect((await get('/v1/backend', apiKey)).status).toBe(200);
    const r = await get('/v1/backend', agent);
    expect([r.status, r.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('hands the failure to the route when it defers auth errors', async () => {
    expect((await get('/v1/socket')).json).toEqual({ principal: null, error: 'unauthorized' });
    const expired = await new AgentTokens('hook-test-token-secret-0123456789', {
      now: () => Date.now() - 7200_000,
    }).mint({ sub: 'alice', refs: ['CASE-1'], ttlSeconds: 60 });
    expect((await get(`/v1/socket?token=${expired.token}`)).json).toEqual({
      principal: null,
      error: 'token_expired',
    });
    expect((await get(`/v1/socket?token=${agent}`)).json.principal.sub).toBe('alice');
  });

  it('never logs a token', async () => {
    await get(`/v1/stream?token=${agent}&after=1`);
    await get(`/v1/plain?token=${agent}`, agent);
    const log = logLines.join('');
    expect(log).toContain('token=[redacted]');
    expect(log).not.toContain(agent);
    expect(log).not.toContain(agent.split('.')[2]);
    expect(log).not.toContain(apiKey);
  });

  it('cuts tokens from logged URLs however the parameter is written', () => {
    expect(stripToken('/v1/realtime?after=1&token=abc.def&x=1')).toBe(
      '/v1/realtime?after=1&token=[redacted]&x=1',
    );
    expect(stripToken('/v1/realtime?%74oken=abc&TOKEN=def')).toBe(
      '/v1/realtime?%74oken=[redacted]&TOKEN=[redacted]',
    );
    expect(stripToken('/webhooks/meta?hub.mode=subscribe&hub%2Everify_token=s3cret')).toBe(
      '/webhooks/meta?hub.mode=subscribe&hub%2Everify_token=[redacted]',
    );
    expect(stripToken(`/v1/x/${agent}?a=${agent}`)).toBe('/v1/x/[redacted]?a=[redacted]');
    expect(stripToken('/v1/conversations?ref=CASE-1')).toBe('/v1/conversations?ref=CASE-1');
  });
});
