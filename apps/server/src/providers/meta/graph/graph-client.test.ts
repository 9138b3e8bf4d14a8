import { createHash } from 'node:crypto';
import http from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { startEmulatorServer, type EmulatorServer, type TemplateDefinition } from '@switchboard/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderRequestError } from '../../provider-request-error.js';
import { GraphClient, type GraphClientOptions, type SendOutcome } from './graph-client.js';

const TOKEN = 'test-graph-token-6f1c';
const EXPIRED_TOKEN = 'test-expired-token-2b9d';
const PHONE_NUMBER_ID = '100000000000001';
const SLOW_PHONE_NUMBER_ID = '100000000000002';
const WABA_ID = '100000000000000';
const UNDELIVERABLE = '16505550999';
const EXTRA_TEMPLATES: TemplateDefinition[] = Array.from({ length: 29 }, (_, i) => ({
  name: `promo_${i}`,
  language: 'en_US',
  category: 'MARKETING',
  components: [{ type: 'BODY', text: `Promo number ${i}` }],
}));

let server: EmulatorServer;
const clients: GraphClient[] = [];
let nextCustomer = 16505551000;
/** A fresh customer per test, so the pair rate limit of one test never touches another. */
const customer = () => String(nextCustomer++);

function client(options: Partial<GraphClientOptions> = {}): GraphClient {
  const made = new GraphClient({
    graphUrl: `${server.url}/v23.0`,
    accessToken: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    wabaId: WABA_ID,
    ...options,
  });
  clients.push(made);
  return made;
}

const text = (to: string, body = 'Hello from Switchboard') => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body },
});

/** Opens the 24-hour window, so free-form sends reach the customer. */
function customerWrites(waId: string): string {
  return server.emulator.customerSends(waId, { type: 'text', text: { body: 'Hi!' } }).id;
}

function rejected(outcome: SendOutcome) {
  if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

async function graphError(promise: Promise<unknown>): Promise<ProviderRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderRequestError);
  return error as ProviderRequestError;
}

/** A loopback server standing in for a proxy or a broken Graph, for what the emulator never does. */
async function rawServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const raw = http.createServer(handler);
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const { port } = raw.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v23.0`,
    close: () =>
      new Promise((resolve) => {
        raw.closeAllConnections();
        raw.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    appSecret: 'app-secret',
    phonePage: false,
    accessTokens: [{ token: TOKEN }, { token: EXPIRED_TOKEN, expiresAt: Date.now() - 60_000 }],
    businessNumbers: [
      {
        phoneNumberId: PHONE_NUMBER_ID,
        displayPhoneNumber: '15550001234',
        wabaId: WABA_ID,
        throughputPerSecond: 10_000,
      },
      {
        phoneNumberId: SLOW_PHONE_NUMBER_ID,
        displayPhoneNumber: '15550004321',
        wabaId: WABA_ID,
        throughputPerSecond: 3,
      },
    ],
    customers: [{ waId: UNDELIVERABLE, name: 'Gone', undeliverable: true }],
    pairRateLimit: { burst: 3, intervalMs: 600_000 },
    templates: EXTRA_TEMPLATES,
    statusDelaysMs: { sent: 20, delivered: 40, read: 60 },
  });
});

afterAll(async () => {
  for (const made of clients) made.close();
  await server.close();
});

describe('GraphClient.sendMessage against the emulator', () => {
  it('returns the wamid of an accepted text send, and the customer gets the message', async () => {
    const to = customer();
    customerWrites(to);
    const outcome = await client().sendMessage(text(to));
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: expect.stringMatching(/^wamid\./) });
    const [received] = server.emulator.received(to);
    expect(received?.id).toBe(outcome.kind === 'accepted' && outcome.providerMessageId);
    expect(received?.message).toMatchObject({ text: { body: 'Hello from Switchboard' } });
  });

  it('returns message_status for a template send', async () => {
    const outcome = await client().sendMessage({
      messaging_product: 'whatsapp',
      to: customer(),
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(outcome).toMatchObject({ kind: 'accepted', messageStatus: 'accepted' });
  });

  it('sends many messages concurrently over kept-alive connections', async () => {
    const graph = client();
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, () => graph.sendMessage(text(customer()))),
    );
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    expect(new Set(outcomes.map((o) => o.kind === 'accepted' && o.providerMessageId)).size).toBe(300);
  });

  it('reuses one connection for sequential sends', async () => {
    const graph = client();
    let connections = 0;
    const count = () => connections++;
    server.app.server.on('connection', count);
    try {
      for (let i = 0; i < 20; i++) expect((await graph.sendMessage(text(customer()))).kind).toBe('accepted');
    } finally {
      server.app.server.off('connection', count);
    }
    expect(connections).toBe(1);
  });

  // The emulator, like Meta, reports these two after a 200: the send is accepted, the failure
  // arrives as a `failed` status. The client can only report what the answer says.
  it('reports 131047 (window closed) and 131026 (undeliverable) as accepted; they fail later', async () => {
    const outside = customer();
    const graph = client();
    expect(await graph.sendMessage(text(outside))).toMatchObject({ kind: 'accepted' });
    expect(await graph.sendMessage(text(UNDELIVERABLE))).toMatchObject({ kind: 'accepted' });
    await vi.waitFor(() => {
      expect(server.emulator.received(outside)[0]).toMatchObject({
        status: 'failed',
        error: { code: 131047 },
      });
      expect(server.emulator.received(UNDELIVERABLE)[0]).toMatchObject({
        status: 'failed',
        error: { code: 131026 },
      });
    });
  });

  it('rejects a wrong token as auth 190, without the token in the error', async () => {
    const error = rejected(await client({ accessToken: 'not-a-real-token' }).sendMessage(text(customer())));
    expect(error).toMatchObject({ code: 190, kind: 'auth', httpStatus: 401, retryable: false });
    expect(JSON.stringify(error)).not.toContain('not-a-real-token');
  });

  it('rejects an expired token as auth 190 with subcode 463', async () => {
    const error = rejected(await client({ accessToken: EXPIRED_TOKEN }).sendMessage(text(customer())));
    expect(error).toMatchObject({ code: 190, subcode: 463, kind: 'auth', httpStatus: 401, retryable: false });
    expect(error.message).toMatch(/expired/i);
  });

  it('rejects an unknown parameter as invalid 100, and a missing one as invalid 131008', async () => {
    const graph = client();
    const unknown = rejected(await graph.sendMessage({ ...text(customer()), bogus: true }));
    expect(unknown).toMatchObject({ code: 100, kind: 'invalid', httpStatus: 400, retryable: false });
    expect(unknown.details).toContain('bogus');
    expect(unknown.fbtraceId).toEqual(expect.any(String));
    const missing = rejected(
      await graph.sendMessage({ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }),
    );
    expect(missing).toMatchObject({ code: 131008, kind: 'invalid', retryable: false });
  });

  it('rejects beyond the throughput limit as rate_limit 130429, retryable', async () => {
    const graph = client({ phoneNumberId: SLOW_PHONE_NUMBER_ID });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => graph.sendMessage(text(customer()))));
    const refused = outcomes.filter((o) => o.kind === 'rejected').map(rejected);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const error of refused) {
      expect(error).toMatchObject({ code: 130429, kind: 'rate_limit', retryable: true, httpStatus: 400 });
    }
  });

  it('rejects beyond the pair rate limit as pair_limit 131056, retryable', async () => {
    const to = customer();
    const graph = client();
    for (let i = 0; i < 3; i++) expect((await graph.sendMessage(text(to))).kind).toBe('accepted');
    expect(rejected(await graph.sendMessage(text(to)))).toMatchObject({
      code: 131056,
      kind: 'pair_limit',
      retryable: true,
    });
  });

  it('rejects an unknown template as template 132001 (HTTP 404)', async () => {
    const error = rejected(
      await client().sendMessage({
        messaging_product: 'whatsapp',
        to: customer(),
        type: 'template',
        template: { name: 'no_such_template', language: { code: 'en_US' } },
      }),
    );
    expect(error).toMatchObject({ code: 132001, kind: 'template', httpStatus: 404, retryable: false });
  });

  it('rejects an injected 5xx with a Graph body as retryable temporary; nothing was sent', async () => {
    const to = customer();
    customerWrites(to);
    server.emulator.setFaults({ sendErrorRate: 1 });
    try {
      const error = rejected(await client().sendMessage(text(to)));
      expect([131000, 2]).toContain(error.code);
      expect(error).toMatchObject({ kind: 'temporary', retryable: true, httpStatus: expect.any(Number) });
      expect(error.httpStatus).toBeGreaterThanOrEqual(500);
    } finally {
      server.emulator.setFaults({ sendErrorRate: 0 });
    }
    expect(server.emulator.received(to)).toEqual([]);
  });

  it('reports a timeout after the request was written as ambiguous, and the customer got the message', async () => {
    const to = customer();
    customerWrites(to);
    server.emulator.setFaults({ sendTimeoutRate: 1, timeoutMs: 5_000, acceptOnTimeout: true });
    let outcome: SendOutcome;
    try {
      outcome = await client({ timeoutMs: 300 }).sendMessage(text(to, 'sent once'));
    } finally {
      server.emulator.setFaults({ sendTimeoutRate: 0 });
    }
    expect(outcome).toEqual({
      kind: 'ambiguous',
      reason: expect.stringContaining('after the request was sent'),
    });
    // Why a blind resend is wrong: the message is already on the customer's phone.
    expect(server.emulator.received(to).map((item) => item.preview)).toEqual(['sent once']);
  });

  it('rejects as retryable temporary when nothing is listening (nothing left)', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = rejected(
      await client({ graphUrl: `http://127.0.0.1:${port}/v23.0` }).sendMessage(text(customer())),
    );
    expect(error).toMatchObject({ code: 'ECONNREFUSED', kind: 'temporary', retryable: true, httpStatus: 0 });
  });
});

describe('GraphClient.sendMessage against a broken or proxied Graph', () => {
  it('reports a 502 without a Graph body as ambiguous', async () => {
    const raw = await rawServer((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'),
    );
    try {
      expect(await client({ graphUrl: raw.url }).sendMessage(text(customer()))).toEqual({
        kind: 'ambiguous',
        reason: 'HTTP 502 without a Graph error body',
      });
    } finally {
      await raw.close();
    }
  });

  it('reports a connection reset after the request was read as ambiguous', async () => {
    const raw = await rawServer((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    try {
      const outcome = await client({ graphUrl: raw.url }).sendMessage(text(customer()));
      expect(outcome).toMatchObject({ kind: 'ambiguous' });
    } finally {
      await raw.close();
    }
  });

  it('takes Retry-After and scrubs a token that Graph echoes', async () => {
    const raw = await rawServer((req, res) => {
      const token = (req.headers.authorization ?? '').replace('Bearer ', '');
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(
        JSON.stringify({
          error: {
            message: `Malformed access token ${token}`,
            type: 'OAuthException',
            code: 4,
            fbtrace_id: 'AbC',
          },
        }),
      );
    });
    try {
      const error = rejected(await client({ graphUrl: raw.url }).sendMessage(text(customer())));
      expect(error).toMatchObject({
        code: 4,
        kind: 'rate_limit',
        retryable: true,
        retryAfterMs: 7000,
        httpStatus: 429,
      });
      expect(error.message).toBe('Malformed access token [redacted]');
    } finally {
      await raw.close();
    }
  });
});

describe('GraphClient read receipts, media and templates against the emulator', () => {
  it('marks a customer message read and shows the typing indicator', async () => {
    const from = customer();
    const id = customerWrites(from);
    const graph = client();
    await graph.markRead(id);
    expect(server.emulator.thread(from).items[0]).toMatchObject({ id, readByBusiness: true });
    await graph.sendTyping(id);
    expect(server.emulator.thread(from).typing).toBe(true);
  });

  it('throws a ProviderRequestError (invalid) for an unknown message id', async () => {
    const error = await graphError(client().markRead('wamid.unknown'));
    expect(error.outcome).toBe('rejected');
    expect(error.providerError).toMatchObject({ code: 131009, kind: 'invalid' });
    expect(error.retryable).toBe(false);
  });

  it('uploads, looks up and downloads media with the same bytes and sha256', async () => {
    const bytes = Buffer.from(`invoice ${Math.random()}\n`.repeat(50));
    const graph = client();
    const { id } = await graph.uploadMedia({ bytes, mimeType: 'text/plain', filename: 'invoice.txt' });
    const info = await graph.getMedia(id);
    expect(info).toMatchObject({ id, mimeType: 'text/plain', fileSize: bytes.length });
    const downloaded = await graph.downloadMedia(info.url, { maxBytes: 1024 * 1024 });
    expect(downloaded.equals(bytes)).toBe(true);
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(info.sha256);
  });

  it('uploads from a stream', async () => {
    const chunks = [Buffer.from('first part, '), Buffer.from('second part')];
    const graph = client();
    const { id } = await graph.uploadMedia({
      stream: Readable.from(chunks),
      mimeType: 'text/plain',
      filename: 'a.txt',
    });
    const info = await graph.getMedia(id);
    expect((await graph.downloadMedia(info.url, { maxBytes: 1000 })).toString()).toBe(
      'first part, second part',
    );
  });

  it('refuses a download over maxBytes and a forged URL, and an unknown media id', async () => {
    const graph = client();
    const { id } = await graph.uploadMedia({
      bytes: Buffer.alloc(2048, 65),
      mimeType: 'text/plain',
      filename: 'a.txt',
    });
    const info = await graph.getMedia(id);
    const tooBig = await graphError(graph.downloadMedia(info.url, { maxBytes: 100 }));
    expect(tooBig.providerError).toMatchObject({ code: 'response_too_large', retryable: false });
    const forged = new URL(info.url);
    forged.searchParams.set('signature', 'forged');
    const expired = await graphError(graph.downloadMedia(forged.href, { maxBytes: 10_000 }));
    expect(expired.providerError).toMatchObject({ code: 'http_404', httpStatus: 404 });
    const unknown = await graphError(graph.getMedia('123456789012345'));
    expect(unknown.providerError).toMatchObject({ code: 100, subcode: 33, kind: 'invalid' });
  });

  it('rejects an upload of an unsupported type as 131053', async () => {
    const error = await graphError(
      client().uploadMedia({ bytes: Buffer.from('x'), mimeType: 'application/x-nope', filename: 'x.bin' }),
    );
    expect(error.providerError).toMatchObject({ code: 131053, kind: 'invalid' });
  });

  it('lists every template, following the pages', async () => {
    const graph = client();
    const all = await graph.listTemplates();
    expect(all).toHaveLength(30); // more than Graph's default page of 25
    expect(all.map((t) => t.name)).toContain('hello_world');
    const small = await graph.listTemplates({ limit: 4 });
    expect(small.map((t) => t.id)).toEqual(all.map((t) => t.id));
  });

  it('lists templates created through the Graph API', async () => {
    const graph = client();
    const created = await fetch(`${server.url}/v23.0/${WABA_ID}/message_templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'late_addition',
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Late' }],
      }),
    });
    expect(created.status).toBe(200);
    expect((await graph.listTemplates({ limit: 7 })).map((t) => t.name)).toContain('late_addition');
  });
});
