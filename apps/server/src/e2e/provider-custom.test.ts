import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeChirp, type FakeChirp } from '../providers/custom/test-support/fake-chirp.js';
import { chirpEnv, workedExampleConfig } from '../providers/custom/test-support/worked-example.js';
import {
  providerServerApiKey,
  startProviderServer,
  type ProviderServer,
} from './test-support/provider-server.js';

const undeliverable = '4915000088999';
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const loopySecret = 'loopy-webhook-secret-0123456789';

/**
 * The worked example of docs/custom-providers.md, plus "loopy": a provider whose messages
 * expression recurses as deep as a webhook asks, to show what a hostile body does to it.
 */
function configFile(): string {
  const file = JSON.parse(workedExampleConfig());
  file.customProviders.loopy = {
    send: { url: 'http://127.0.0.1:1/send', body: "{ 'to': to }", messageId: 'body.id' },
    receive: {
      signature: {
        algorithm: 'sha256',
        header: 'X-Loopy-Signature',
        encoding: 'hex',
        secret: '${LOOPY_SECRET}',
      },
      messages: [
        '( $depth := function($n) { $n > 0 ? 1 + $depth($n - 1) : 0 };',
        "  { 'id': id, 'from': from, 'to': to, 'text': 'depth ' & $string($depth(depth)) } )",
      ],
    },
  };
  file.channels.push({ provider: 'custom', customProvider: 'loopy', phoneNumber: '4930777000' });
  return JSON.stringify(file);
}

/** A Switchboard whose channels are custom providers from the config file, against a fake Chirp. */
describe('a custom provider (the worked example) end to end', () => {
  let chirp: FakeChirp;
  let t: ProviderServer;

  beforeAll(async () => {
    chirp = await startFakeChirp({ undeliverable: [undeliverable] });
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-custom-')), 'switchboard.config.json');
    writeFileSync(path, configFile());
    t = await startProviderServer((base) => {
      chirp.webhookUrl = `${base}/webhooks/custom/chirp`;
      return {
        WHATSAPP_PROVIDER: 'custom',
        SWITCHBOARD_CONFIG: path,
        LOOPY_SECRET: loopySecret,
        ...chirpEnv(chirp),
      };
    });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await chirp?.close();
  });

  it('takes a batch of customer messages into /v1 and the event stream, in order', async () => {
    const waId = '4915000088001';
    const ids = await chirp.customerWrites(waId, 'Guten Tag', 'Ist mein Kredit durch?');
    const conversation = await t.conversationOf(waId);
    const messages = await vi.waitFor(async () => {
      const data = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data;
      if (data.length < 2) throw new Error('not both yet');
      return data as { id: string; providerMessageId: string; content: { body: string } }[];
    });
    expect(messages.map((m) => m.content.body).sort()).toEqual(['Guten Tag', 'Ist mein Kredit durch?']);
    expect(messages.map((m) => m.providerMessageId).sort()).toEqual([...ids].sort());
    const events = (await t.api('GET', '/v1/events?after=0')).json.events as {
      type: string;
      data: { id: string };
    }[];
    for (const m of messages) {
      expect(events.some((e) => e.type === 'message.created' && e.data.id === m.id)).toBe(true);
    }
  });

  it("sends Chirp's own JSON, follows its statuses to read under WhatsApp's id, and links the customer's quoted reply", async () => {
    const waId = '4915000088002';
    await chirp.customerWrites(waId, 'Any news?');
    const conversation = await t.conversationOf(waId);
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Your loan is approved.' },
    });
    expect(sent.status).toBe(202);
    const read = await t.statusOf(sent.json.message.id, 'read');
    const out = chirp.sent.find((m) => m.request.recipient === `+${waId}`)!;
    expect(out.request).toEqual({
      channel: 'whatsapp',
      sender: `+${chirp.number}`,
      recipient: `+${waId}`,
      reference: sent.json.message.id,
      replyTo: null,
      content: { kind: 'text', text: 'Your loan is approved.' },
    });
    // Chirp answered with its uuid; its statuses moved the message to WhatsApp's id.
    const whatsappId = chirp.whatsappIdOf(out.uuid)!;
    expect(read.providerMessageId).toBe(whatsappId);
    const replyId = await chirp.customerReplies(waId, 'Wonderful, thank you!', whatsappId);
    const reply = await vi.waitFor(async () => {
      const data = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data as any[];
      const found = data.find((m) => m.providerMessageId === replyId);
      if (!found) throw new Error('no reply yet');
      return found;
    });
    expect(reply.replyTo).toBe(sent.json.message.id);
    // The agent reads it: the blue ticks go out through the declared markRead request.
    const marked = await t.api('POST', `/v1/conversations/${conversation.id}/read`, {});
    expect(marked.json.providerNotified).toBe(true);
    await vi.waitFor(() => expect(chirp.reads).toContain(replyId));
  });

  it("sends our file as a signed link Chirp fetches, and downloads a customer's file through Chirp's redirect", async () => {
    const waId = '4915000088003';
    await chirp.customerWrites(waId, 'Send me the form');
    const conversation = await t.conversationOf(waId);
    const media = { id: await t.upload(png, 'image/png', 'form.png') };
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'image',
      media: { id: media.id, caption: 'The form' },
    });
    await t.statusOf(sent.json.message.id, 'read');
    const out = chirp.sent.find(
      (m) => m.request.recipient === `+${waId}` && m.request.content.kind === 'file',
    )!;
    expect(out.request.content).toMatchObject({ kind: 'file', caption: 'The form' });
    expect(out.file?.bytes.equals(png)).toBe(true);

    const fileId = await chirp.customerSendsFile(waId, png, 'image/png', 'Signed');
    const inbound = await vi.waitFor(async () => {
      const data = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data as any[];
      const found = data.find((m) => m.providerMessageId === fileId && m.media?.status === 'ready');
      if (!found) throw new Error('the file is not downloaded yet');
      return found;
    });
    expect(inbound).toMatchObject({ type: 'image', content: { caption: 'Signed' } });
    const bytes = await fetch(`${t.base}/v1/media/${inbound.media.id}`, {
      headers: { authorization: `Bearer ${providerServerApiKey}` },
    });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(png)).toBe(true);
  });

  it('lands a send Chirp refuses with its code and class, and retries one it refused as retryable', async () => {
    await chirp.customerWrites(undeliverable, 'Hello?');
    const refused = await t.conversationOf(undeliverable);
    const sent = await t.api('POST', `/v1/conversations/${refused.id}/messages`, {
      type: 'text',
      text: { body: 'Hi' },
    });
    const failed = await t.statusOf(sent.json.message.id, 'failed');
    expect(failed.error).toMatchObject({ code: 'RECIPIENT_NOT_ON_WHATSAPP', retryable: false });

    const waId = '4915000088004';
    await chirp.customerWrites(waId, 'Still there?');
    const conversation = await t.conversationOf(waId);
    chirp.refuseNext(1, 503);
    const retried = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Yes, one moment.' },
    });
    await vi.waitFor(() => t.statusOf(retried.json.message.id, 'read'), { timeout: 15_000, interval: 100 });
    expect(chirp.sent.filter((m) => m.request.recipient === `+${waId}`)).toHaveLength(1);
  }, 20_000);

  it('sends a template as the body expression builds it, unchecked, since the provider lists none', async () => {
    const synced = await t.api('POST', '/v1/templates/sync', {});
    expect(synced.status).toBe(200);
    expect(synced.json.synced).toEqual([]);
    expect(synced.json.skipped).toHaveLength(2);
    expect(synced.json.skipped[0].reason).toMatch(/lists no templates/);
    const waId = '4915000088006';
    const channelId = synced.json.skipped.find((x: { reason: string }) =>
      x.reason.includes('custom:chirp'),
    ).channelId;
    const sent = await t.api('POST', '/v1/messages', {
      to: waId,
      channelId,
      type: 'template',
      template: {
        name: 'loan_update',
        language: { code: 'de' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Anna' }] }],
      },
    });
    expect([sent.status, sent.json.error]).toEqual([202, undefined]);
    await t.statusOf(sent.json.message.id, 'read');
    const out = chirp.sent.find((m) => m.request.recipient === `+${waId}`)!;
    expect(out.request.content).toEqual({
      kind: 'template',
      name: 'loan_update',
      language: 'de',
      params: ['Anna'],
    });
  });

  it('refuses forged, stale, non-JSON and oversized webhooks with a clear 4xx, and stays up', async () => {
    const url = `${t.base}/webhooks/custom/chirp`;
    const body = JSON.stringify({ events: [] });
    const now = String(Math.floor(Date.now() / 1000));
    const sign = (ts: string, text: string, secret = chirp.webhookSecret) =>
      `v1=${createHmac('sha256', secret).update(`${ts}.${text}`).digest('base64')}`;
    const post = (headers: Record<string, string>, text: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
    const codeOf = async (response: Response) => [
      response.status,
      ((await response.json()) as any).error?.code,
    ];

    expect(await codeOf(await post({}, body))).toEqual([401, 'invalid_signature']);
    expect(
      await codeOf(
        await post(
          { 'chirp-timestamp': now, 'chirp-signature': sign(now, body, 'not-the-secret-at-all') },
          body,
        ),
      ),
    ).toEqual([401, 'invalid_signature']);
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    expect(
      await codeOf(await post({ 'chirp-timestamp': stale, 'chirp-signature': sign(stale, body) }, body)),
    ).toEqual([401, 'invalid_signature']);
    const typed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'chirp-timestamp': now, 'chirp-signature': sign(now, body) },
      body,
    });
    expect(await codeOf(typed)).toEqual([400, 'validation_failed']);
    const truncated = body.slice(0, -3);
    expect(
      await codeOf(
        await post({ 'chirp-timestamp': now, 'chirp-signature': sign(now, truncated) }, truncated),
      ),
    ).toEqual([400, 'invalid_json']);
    const huge = JSON.stringify({
      events: [{ type: 'message.received', message: { text: 'x'.repeat(5 * 1024 * 1024) } }],
    });
    expect((await post({ 'chirp-timestamp': now, 'chirp-signature': sign(now, huge) }, huge)).status).toBe(
      413,
    );
    expect((await fetch(`${t.base}/webhooks/custom/nobody`, { method: 'POST', body })).status).toBe(404);
    const ok = await post({ 'chirp-timestamp': now, 'chirp-signature': sign(now, body) }, body);
    expect(ok.status).toBe(200);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  });

  it('records a processing error for a body that drives an expression into runaway recursion, and goes on with the next', async () => {
    const url = `${t.base}/webhooks/custom/loopy`;
    const post = (payload: unknown) => {
      const text = JSON.stringify(payload);
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-loopy-signature': createHmac('sha256', loopySecret).update(text).digest('hex'),
        },
        body: text,
      });
    };
    const hostile = await post({ id: 'deep-1', from: '4915000088005', to: '4930777000', depth: 1_000_000 });
    expect(hostile.status).toBe(200);
    const fine = await post({ id: 'shallow-1', from: '4915000088005', to: '4930777000', depth: 3 });
    expect(fine.status).toBe(200);
    const conversation = await t.conversationOf('4915000088005');
    const messages = await vi.waitFor(async () => {
      const data = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data as any[];
      if (data.length === 0) throw new Error('nothing yet');
      return data;
    });
    expect(messages.map((m) => m.content.body)).toEqual(['depth 3']);
    const pending = await vi.waitFor(async () => {
      const list = (await t.api('GET', '/v1/provider-webhooks?status=pending')).json.data as any[];
      const found = list.find((w) => w.provider === 'custom:loopy' && w.lastError);
      if (!found) throw new Error('no recorded error yet');
      return found;
    });
    expect(pending.lastError).toMatch(
      /customProviders\.loopy\.receive\.messages: the JSONata expression failed \(D1011\)/,
    );
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  });
});
