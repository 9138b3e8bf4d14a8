import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundSend } from '../provider.js';
import { compileCustomProvider } from './compile-custom-provider.js';
import type { CustomProviderConfig } from './custom-provider-config.js';
import { customProviderSchema } from './custom-provider-config.js';
import { CustomProvider } from './custom-provider.js';

/** A provider that answers each send as the test says, and keeps what it received. */
let answer: (
  req: IncomingMessage,
  body: string,
) => { status: number; body: string; headers?: Record<string, string> };
const received: { headers: IncomingMessage['headers']; body: string; method: string | undefined }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    received.push({ headers: req.headers, body, method: req.method });
    const a = answer(req, body);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body);
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function provider(
  send: Partial<Record<string, unknown>> = {},
  extra: Record<string, unknown> = {},
): CustomProvider {
  const config: CustomProviderConfig = customProviderSchema.parse({
    send: {
      url: `${base}/send`,
      headers: { 'X-Key': '${KEY}' },
      body: "{ 'to': to, 'text': text }",
      messageId: 'body.id',
      error: "body.error.{ 'code': code, 'message': text, 'kind': kind }",
      ...send,
    },
    receive: {
      signature: { algorithm: 'sha256', header: 'x-sig', encoding: 'hex', secret: '${SECRET}' },
      messages: 'messages',
    },
    ...extra,
  });
  const problems: string[] = [];
  const definition = compileCustomProvider(
    'test',
    config,
    { KEY: 'k-123', SECRET: 'a-webhook-secret-0123' },
    problems,
  );
  expect(problems).toEqual([]);
  return new CustomProvider({
    definition,
    phoneNumber: '4930901820',
    mediaLink: (id) => `${base}/m/${id}`,
    mediaLinkTtlMs: 1000,
    timeoutMs: 2000,
  });
}

const text: OutboundSend = {
  to: '491512345678',
  body: { type: 'text', text: { body: 'Hallo' } },
  messageId: 'msg_1',
  replyToProviderMessageId: null,
  reactionTargetProviderMessageId: null,
  providerMediaId: null,
};

describe('CustomProvider sends', () => {
  it('posts the body expression as JSON with the declared headers and reads the id', async () => {
    answer = () => ({ status: 201, body: '{"id":"p-1"}' });
    const p = provider();
    await expect(p.send(text)).resolves.toEqual({ kind: 'accepted', providerMessageId: 'p-1' });
    const last = received.at(-1)!;
    expect(JSON.parse(last.body)).toEqual({ to: '491512345678', text: 'Hallo' });
    expect(last.headers).toMatchObject({ 'x-key': 'k-123', 'content-type': 'application/json' });
    p.close();
  });

  it('posts a form (arrays as repeated fields) and accepts a numeric id', async () => {
    answer = () => ({ status: 200, body: '{"id":42}' });
    const p = provider({ bodyFormat: 'form', body: "{ 'To': to, 'Tag': ['a', 'b'], 'Skip': null }" });
    await expect(p.send(text)).resolves.toEqual({ kind: 'accepted', providerMessageId: '42' });
    expect(received.at(-1)!.body).toBe('To=491512345678&Tag=a&Tag=b');
    expect(received.at(-1)!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    p.close();
  });

  it('classifies answers: a declared error with its kind, retryable statuses, ambiguous 5xx and 2xx without an id', async () => {
    const p = provider();
    answer = () => ({
      status: 400,
      body: '{"error":{"code":"E_WINDOW","text":"window closed","kind":"window"}}',
    });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: {
        code: 'E_WINDOW',
        message: 'window closed',
        kind: 'window',
        retryable: false,
        httpStatus: 400,
      },
    });
    answer = () => ({ status: 429, body: '{}', headers: { 'retry-after': '3' } });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { code: 'http_429', kind: 'rate_limit', retryable: true, retryAfterMs: 3000 },
    });
    answer = () => ({ status: 503, body: 'down' });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { kind: 'temporary', retryable: true },
    });
    answer = () => ({ status: 500, body: 'oops' });
    await expect(p.send(text)).resolves.toMatchObject({ kind: 'ambiguous' });
    answer = () => ({ status: 202, body: '{"queued":true}' });
    await expect(p.send(text)).resolves.toEqual({
      kind: 'ambiguous',
      reason: 'HTTP 202 without a message id',
    });
    // An error read from an answer that may mean "taken" never makes the outbox send it again.
    answer = () => ({ status: 200, body: '{"error":{"code":"BUSY","text":"later","kind":"rate_limit"}}' });
    await expect(p.send(text)).resolves.toEqual({
      kind: 'ambiguous',
      reason: 'HTTP 200 without a message id',
    });
    answer = () => ({ status: 500, body: '{"error":{"code":"BUSY","text":"later","kind":"rate_limit"}}' });
    await expect(p.send(text)).resolves.toMatchObject({ kind: 'ambiguous' });
    answer = () => ({
      status: 200,
      body: '{"error":{"code":"NO_SUCH_NUMBER","text":"unknown","kind":"undeliverable"}}',
    });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { code: 'NO_SUCH_NUMBER', kind: 'undeliverable', retryable: false },
    });
    answer = () => ({ status: 401, body: 'who are you' });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { kind: 'auth', retryable: false },
    });
    answer = () => ({ status: 422, body: '{"error":{"code":7,"text":"bad"}}' });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { code: 7, kind: 'invalid' },
    });
    p.close();
  });

  it('refuses as invalid, without sending, a body the expression cannot build', async () => {
    const before = received.length;
    const failing = provider({ body: "$error('no way')" });
    await expect(failing.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { kind: 'invalid', retryable: false, message: expect.stringContaining('no way') },
    });
    const nested = provider({ bodyFormat: 'form', body: "{ 'a': { 'b': 1 } }" });
    await expect(nested.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { message: expect.stringContaining('the form field "a" is not a string') },
    });
    expect(received.length).toBe(before);
    failing.close();
    nested.close();
  });

  it('reports a refused connection as not sent (retryable) and never throws', async () => {
    const p = provider({ url: 'http://127.0.0.1:1/send' });
    await expect(p.send(text)).resolves.toMatchObject({
      kind: 'rejected',
      error: { httpStatus: 0, retryable: true },
    });
    p.close();
  });

  it('sends read receipts only where a markRead request is declared', async () => {
    answer = () => ({ status: 204, body: '' });
    const none = provider();
    const before = received.length;
    await none.markRead('wamid.1');
    expect(received.length).toBe(before);
    const declared = provider(
      {},
      { markRead: { url: `${base}/read`, method: 'PUT', body: "{ 'id': providerMessageId, 'from': from }" } },
    );
    await declared.markRead('wamid.1');
    expect(received.at(-1)).toMatchObject({ method: 'PUT', body: '{"id":"wamid.1","from":"4930901820"}' });
    answer = () => ({ status: 404, body: '{}' });
    await expect(declared.markRead('wamid.2')).rejects.toThrow(/mark read failed/);
    none.close();
    declared.close();
  });
});
