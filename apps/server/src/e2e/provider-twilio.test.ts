import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeTwilio, twilioEnv, type FakeTwilio } from '../providers/twilio/test-support/fake-twilio.js';
import { twilioSignature } from '../providers/twilio/twilio-signature.js';
import { startProviderServer, type ProviderServer } from './test-support/provider-server.js';

const undeliverable = '4915000077999';
/** A small but real PNG (1×1). */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A Switchboard whose only channel is Twilio, against a fake Twilio that checks its wire format. */
describe('a Twilio channel end to end', () => {
  let twilio: FakeTwilio;
  let t: ProviderServer;

  beforeAll(async () => {
    twilio = await startFakeTwilio({ undeliverable: [undeliverable] });
    t = await startProviderServer((base) => {
      twilio.webhookUrl = `${base}/webhooks/twilio`;
      return twilioEnv(twilio);
    });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await twilio?.close();
  });

  it('syncs the Content templates approved for WhatsApp and sends one by its name as its Content SID', async () => {
    const synced = await t.api('POST', '/v1/templates/sync', {});
    expect(synced.status).toBe(200);
    const listed = (await t.api('GET', '/v1/templates')).json.data as any[];
    expect(listed.map((x) => `${x.name}/${x.language}/${x.status}`).sort()).toEqual([
      'appointment/de/APPROVED',
      'draft_offer/en/PENDING',
      'loan_update/en/APPROVED',
    ]);
    const waId = '4915000077020';
    const sent = await t.api('POST', '/v1/messages', {
      to: waId,
      type: 'template',
      template: {
        name: 'loan_update',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Anna' },
              { type: 'text', text: 'K-17' },
            ],
          },
        ],
      },
    });
    expect(sent.status).toBe(202);
    await t.statusOf(sent.json.message.id, 'read');
    const form = twilio.sent.find((m) => m.form.To === `whatsapp:+${waId}`)!.form;
    expect(form).toMatchObject({
      ContentSid: `HX${'a'.repeat(32)}`,
      ContentVariables: '{"1":"Anna","2":"K-17"}',
    });
    expect(form.Body).toBeUndefined();
    // The synced definition is checked before anything is queued: one parameter is not two.
    const wrong = await t.api('POST', '/v1/messages', {
      to: waId,
      type: 'template',
      template: {
        name: 'loan_update',
        language: { code: 'en' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Anna' }] }],
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('validation_failed');
  });

  it('takes a customer message from Twilio into /v1 and the event stream, answering Twilio with TwiML', async () => {
    const waId = '4915000077001';
    await twilio.customerWrites(waId, 'Hallo über Twilio');
    const conversation = await t.conversationOf(waId);
    const messages = (await t.api('GET', `/v1/conversations/${conversation.id}/messages`)).json.data;
    expect(messages).toMatchObject([
      { direction: 'inbound', type: 'text', content: { body: 'Hallo über Twilio' } },
    ]);
    const events = (await t.api('GET', '/v1/events?after=0')).json.events as {
      type: string;
      data: { id: string };
    }[];
    expect(events.some((e) => e.type === 'message.created' && e.data.id === messages[0].id)).toBe(true);
  });

  it('sends the exact form Twilio expects and follows its status callbacks to read', async () => {
    const waId = '4915000077002';
    await twilio.customerWrites(waId, 'Any news?');
    const conversation = await t.conversationOf(waId);
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Your loan is approved.' },
    });
    expect(sent.status).toBe(202);
    await t.statusOf(sent.json.message.id, 'read');
    const form = twilio.sent.find((m) => m.form.To === `whatsapp:+${waId}`)!.form;
    expect(form).toEqual({
      From: twilio.from,
      To: `whatsapp:+${waId}`,
      Body: 'Your loan is approved.',
      StatusCallback: `${t.base}/webhooks/twilio?sbref=${sent.json.message.id}`,
    });
  });

  it('sends our media as a signed link that Twilio fetches, byte for byte', async () => {
    const waId = '4915000077003';
    await twilio.customerWrites(waId, 'Send me the form');
    const conversation = await t.conversationOf(waId);
    const media = { id: await t.upload(png, 'image/png', 'form.png') };
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'image',
      media: { id: media.id, caption: 'The form' },
    });
    expect(sent.status).toBe(202);
    await t.statusOf(sent.json.message.id, 'read');
    const out = twilio.sent.find((m) => m.form.To === `whatsapp:+${waId}`)!;
    expect(out.form.MediaUrl).toMatch(new RegExp(`^${t.base}/media-links/${media.id}\\?exp=\\d+&sig=`));
    expect(out.media?.bytes.equals(png)).toBe(true);
    // The link opens this file only, and not once altered.
    const altered = out.form.MediaUrl!.replace(/sig=./, 'sig=x');
    expect((await fetch(altered)).status).toBe(404);
  });

  it('lands a send Twilio refuses with its code and class', async () => {
    await twilio.customerWrites(undeliverable, 'Hello?');
    const conversation = await t.conversationOf(undeliverable);
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: 'Hi' },
    });
    const failed = await t.statusOf(sent.json.message.id, 'failed');
    expect(failed.error).toMatchObject({ code: 21211, retryable: false });
  });

  it('refuses a forged or non-form webhook and stays up', async () => {
    const url = `${t.base}/webhooks/twilio`;
    const fields = {
      MessageSid: 'SMforged',
      From: 'whatsapp:+4915000077004',
      To: twilio.from,
      Body: 'forged',
    };
    const post = (headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers, body });
    const form = new URLSearchParams(fields).toString();
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post(formType, form)).status).toBe(401);
    expect(
      (
        await post(
          {
            ...formType,
            'x-twilio-signature': twilioSignature('wrong-token', url, new URLSearchParams(fields)),
          },
          form,
        )
      ).status,
    ).toBe(401);
    const signature = twilioSignature(twilio.authToken, url, new URLSearchParams(fields));
    expect(
      (await post({ 'content-type': 'application/json', 'x-twilio-signature': signature }, form)).status,
    ).toBe(400);
    const ok = await post({ ...formType, 'x-twilio-signature': signature }, form);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/xml');
    expect(await ok.text()).toContain('<Response/>');
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  });

  it('takes a truncated form it can verify without failing, and refuses one over the body limit', async () => {
    const url = `${t.base}/webhooks/twilio`;
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    const signed = (body: string) => ({
      ...formType,
      'x-twilio-signature': twilioSignature(twilio.authToken, url, new URLSearchParams(body)),
    });
    // Cut off mid-parameter: still a form, but a message without its addresses.
    const truncated = 'MessageSid=SMtruncated01&Body=Hallo&Fr';
    expect((await fetch(url, { method: 'POST', headers: signed(truncated), body: truncated })).status).toBe(
      200,
    );
    const stored = await vi.waitFor(async () => {
      const list = (await t.api('GET', '/v1/provider-webhooks?limit=100')).json.data as any[];
      const found = list.find(
        (w) => w.provider === 'twilio' && w.status === 'processed' && w.notes?.problems,
      );
      if (!found) throw new Error('not processed yet');
      return found;
    });
    expect(JSON.stringify(stored.notes.problems)).toContain('From and To');
    const huge = `MessageSid=SMhuge&Body=${'x'.repeat(5 * 1024 * 1024)}`;
    expect((await fetch(url, { method: 'POST', headers: signed(huge), body: huge })).status).toBe(413);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  });
});

describe('a Twilio send whose answer is lost', () => {
  let twilio: FakeTwilio;
  let t: ProviderServer;
  const slowBody = 'Your answer arrives late.';

  beforeAll(async () => {
    twilio = await startFakeTwilio({ slowBody, slowAnswerMs: 2000 });
    t = await startProviderServer((base) => {
      twilio.webhookUrl = `${base}/webhooks/twilio`;
      // The answer comes after the timeout: the attempt is ambiguous.
      return { ...twilioEnv(twilio), SWITCHBOARD_SEND_TIMEOUT_MS: '300' };
    });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await twilio?.close();
  });

  it('is confirmed by its status callback, which names our message, and is not sent again', async () => {
    const waId = '4915000077010';
    await twilio.customerWrites(waId, 'Hello?');
    const conversation = await t.conversationOf(waId);
    const sent = await t.api('POST', `/v1/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: { body: slowBody },
    });
    const read = await t.statusOf(sent.json.message.id, 'read');
    const taken = twilio.sent.filter((m) => m.form.To === `whatsapp:+${waId}`);
    expect(taken).toHaveLength(1);
    expect(read.providerMessageId).toBe(taken[0]!.sid);
    // Well past the send timeout and the answer: still one.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(twilio.sent.filter((m) => m.form.To === `whatsapp:+${waId}`)).toHaveLength(1);
  }, 20_000);
});
