import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { createEmulator } from '../emulator.js';
import { WebhookVerificationError } from './verify-webhook-target.js';
import {
  APP_SECRET,
  CUSTOMER,
  startTestEmulator,
  VERIFY_TOKEN,
  type TestEmulator,
} from './test-support/test-emulator.js';
import { WebhookReceiver } from './test-support/webhook-receiver.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('webhook delivery', () => {
  it('POSTs Meta-escaped JSON signed over the exact bytes, with Meta headers', async () => {
    t = await startTestEmulator();
    t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'Pizza 🍕 for José' } });
    await t.emulator.webhooksIdle();
    const [post] = t.receiver.received;
    const raw = post!.raw.toString('utf8');
    expect(raw).toContain('Pizza \\ud83c\\udf55 for Jos\\u00e9');
    expect(/^[\x20-\x7e]*$/.test(raw)).toBe(true);
    expect(post!.signature).toBe(signMetaPayload(post!.raw, APP_SECRET));
    expect(post!.signatureValid).toBe(true);
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['user-agent']).toBe('facebookexternalua');
    // A gateway that re-serializes the parsed body gets a different HMAC.
    expect(signMetaPayload(JSON.stringify(JSON.parse(raw)), APP_SECRET)).not.toBe(post!.signature);
  });

  it('retries every non-200 answer on the configured schedule, then records the success', async () => {
    t = await startTestEmulator();
    t.receiver.answerWith(500, 204, 503);
    const { webhookId } = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'hi' } });
    await t.emulator.webhooksIdle();
    expect(t.receiver.received).toHaveLength(1);
    await t.advance(999);
    expect(t.receiver.received).toHaveLength(1);
    await t.advance(1);
    expect(t.receiver.received).toHaveLength(2);
    await t.advance(2000);
    expect(t.receiver.received).toHaveLength(3);
    expect(t.emulator.webhook(webhookId)?.state).toBe('pending');
    await t.advance(4000);
    expect(t.receiver.received.map((r) => r.answered)).toEqual([500, 204, 503, 200]);
    const delivery = t.emulator.webhook(webhookId)!;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 204, 503, 200]);
    expect(delivery.attempts.map((a) => a.at - delivery.createdAt)).toEqual([0, 1000, 3000, 7000]);
    // Every retry carries the same bytes and signature.
    expect(new Set(t.receiver.received.map((r) => r.raw.toString()))).toHaveProperty('size', 1);
  });

  it('gives up when the schedule runs out and, with webhookConcurrency 1, keeps strict order behind a failing delivery', async () => {
    t = await startTestEmulator({ webhookConcurrency: 1 });
    t.receiver.answerWith(500, 500, 500, 500);
    const first = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'one' } });
    const second = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'two' } });
    await t.advance(0);
    await t.advance(1000);
    await t.advance(2000);
    // The second waits behind the first: nothing overtakes a delivery waiting for its retry.
    expect(t.emulator.webhook(second.webhookId)?.attempts).toHaveLength(0);
    await t.advance(4000);
    expect(t.emulator.webhook(first.webhookId)?.state).toBe('failed');
    expect(t.emulator.webhook(second.webhookId)?.state).toBe('delivered');
    expect(t.emulator.webhooks({ state: 'failed' }).map((d) => d.id)).toEqual([first.webhookId]);
  });

  it('delivers concurrently by default, as Meta does: a failing delivery does not hold back the others', async () => {
    t = await startTestEmulator();
    t.receiver.answerWith(500);
    const first = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'one' } });
    await t.emulator.webhooksIdle();
    const second = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'two' } });
    await t.emulator.webhooksIdle();
    expect(t.emulator.webhook(first.webhookId)?.state).toBe('pending');
    expect(t.emulator.webhook(second.webhookId)?.state).toBe('delivered');
    await t.advance(1000);
    expect(t.emulator.webhook(first.webhookId)?.state).toBe('delivered');
  });

  it('counts a network error as a failed attempt and retries', async () => {
    const clock = new ManualClock();
    const emulator = createEmulator({
      appSecret: APP_SECRET,
      webhookUrl: 'http://127.0.0.1:9/nothing-listens-here',
      verifyWebhookOnStart: false,
      clock,
      webhookRetryScheduleMs: [1000],
    });
    await emulator.start();
    const { webhookId } = emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'x' } });
    await emulator.webhooksIdle();
    const delivery = emulator.webhook(webhookId)!;
    expect(delivery.attempts[0]?.error).toBeTruthy();
    expect(delivery.attempts[0]?.status).toBeUndefined();
    expect(delivery.nextAttemptAt).toBe(clock.now() + 1000);
    await emulator.close();
  });

  it('times out an attempt that gets no answer', async () => {
    t = await startTestEmulator({ webhookTimeoutMs: 100 });
    t.receiver.hang(true);
    const { webhookId } = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'x' } });
    await t.emulator.webhooksIdle();
    expect(t.emulator.webhook(webhookId)?.attempts[0]?.error).toBe('timeout');
    t.receiver.hang(false);
    await t.advance(1000);
    expect(t.emulator.webhook(webhookId)?.state).toBe('delivered');
  });

  it('records webhooks without sending them when no URL is configured', async () => {
    const emulator = createEmulator({ appSecret: APP_SECRET });
    await emulator.start();
    emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'x' } });
    expect(emulator.webhooks().map((d) => d.state)).toEqual(['recorded']);
    await emulator.close();
  });
});

describe('verification handshake', () => {
  it('sends hub.mode, hub.challenge and hub.verify_token on start and accepts the echoed challenge', async () => {
    t = await startTestEmulator();
    const [params] = t.receiver.handshakes;
    expect(params?.get('hub.mode')).toBe('subscribe');
    expect(params?.get('hub.verify_token')).toBe(VERIFY_TOKEN);
    expect(params?.get('hub.challenge')).toMatch(/^\d+$/);
  });

  it('refuses to start when the target does not echo the challenge', async () => {
    const receiver = await WebhookReceiver.start({ appSecret: APP_SECRET, verifyToken: 'other' });
    const emulator = createEmulator({ appSecret: APP_SECRET, webhookUrl: receiver.url, verifyToken: 'mine' });
    const error = await emulator.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).result.status).toBe(403);
    // Nothing is delivered after a failed handshake.
    emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'x' } });
    await emulator.webhooksIdle();
    expect(receiver.received).toHaveLength(0);
    await emulator.close();
    await receiver.close();
  });
});
