import { afterEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER,
  DISPLAY_NUMBER,
  helloWorld,
  PHONE_NUMBER_ID,
  startTestEmulator,
  text,
  validatedSend,
  type TestEmulator,
} from '../webhooks/test-support/test-emulator.js';

let t: TestEmulator;
afterEach(async () => {
  await t.close();
});

async function openWindow() {
  t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'hi' } });
  await t.emulator.webhooksIdle();
}

async function accepted(send: Parameters<TestEmulator['emulator']['gate']['accept']>[0]) {
  const result = await t.emulator.gate.accept(send);
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.wamid;
}

describe('status progression', () => {
  it('sent → delivered → read on the configured delays, with pricing and conversation on sent and delivered', async () => {
    t = await startTestEmulator({ statusDelaysMs: { sent: 100, delivered: 500, read: 2000 } });
    await openWindow();
    const wamid = await accepted(text('Thanks!', { biz_opaque_callback_data: 'order-7' }));
    expect(t.emulator.received(CUSTOMER.waId)[0]?.status).toBe('accepted');
    await t.advance(100);
    const now = () => String(Math.floor(t.clock.now() / 1000));
    const pricing = {
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    };
    expect(t.receiver.statuses()).toEqual([
      {
        id: wamid,
        status: 'sent',
        timestamp: now(),
        recipient_id: CUSTOMER.waId,
        recipient_user_id: expect.stringMatching(/^US\./),
        biz_opaque_callback_data: 'order-7',
        conversation: {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          expiration_timestamp: String(Math.floor(t.clock.now() / 1000) + 86400),
          origin: { type: 'service' },
        },
        pricing,
      },
    ]);
    const value = t.receiver.values().at(-1)!;
    expect(value.metadata).toEqual({
      display_phone_number: DISPLAY_NUMBER,
      phone_number_id: PHONE_NUMBER_ID,
    });
    expect(value.contacts).toBeUndefined();
    await t.advance(400);
    expect(t.emulator.received(CUSTOMER.waId)[0]?.status).toBe('delivered');
    await t.advance(1500);
    const [sent, delivered, read] = t.receiver.statuses();
    expect(delivered).toMatchObject({ status: 'delivered', pricing, biz_opaque_callback_data: 'order-7' });
    expect(delivered?.conversation).toEqual({ id: sent?.conversation?.id, origin: { type: 'service' } });
    expect(read).toEqual({
      id: wamid,
      status: 'read',
      timestamp: now(),
      recipient_id: CUSTOMER.waId,
      recipient_user_id: expect.any(String),
      biz_opaque_callback_data: 'order-7',
    });
    expect(t.emulator.received(CUSTOMER.waId)[0]?.status).toBe('read');
  });

  it('voice notes are played after being read', async () => {
    t = await startTestEmulator({ statusDelaysMs: { sent: 10, delivered: 20, read: 30, played: 40 } });
    await openWindow();
    const wamid = await accepted(validatedSend({ type: 'audio', audio: { id: '1', voice: true } }));
    await t.advance(69);
    expect(t.receiver.statuses().map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    await t.advance(1);
    expect(t.receiver.statuses().at(-1)).toMatchObject({ id: wamid, status: 'played' });
    expect(t.receiver.statuses().at(-1)?.pricing).toBeUndefined();
    expect(t.emulator.received(CUSTOMER.waId)[0]?.status).toBe('played');
  });

  it('without autoRead the customer reads on request; pricing moves to read when delivered was skipped', async () => {
    t = await startTestEmulator({ autoRead: false, statusDelaysMs: { sent: 10, delivered: 10_000 } });
    await openWindow();
    await accepted(text('one'));
    await t.advance(10);
    expect(t.emulator.customerReads(CUSTOMER.waId)).toEqual({ read: 1 });
    await t.emulator.webhooksIdle();
    // Read while the chat was open: delivered and read at once, no `delivered` webhook (docs §1.3).
    expect(t.receiver.statuses().map((s) => s.status)).toEqual(['sent', 'read']);
    expect(t.receiver.statuses()[1]?.pricing).toMatchObject({ category: 'service' });
    await t.advance(10_000);
    expect(t.receiver.statuses()).toHaveLength(2);
  });

  it('templates are billed in their category; utility templates are free inside the window', async () => {
    t = await startTestEmulator();
    await accepted(helloWorld());
    await t.advance(200);
    expect(t.receiver.statuses()[0]?.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'utility',
    });
    await openWindow();
    await accepted(helloWorld());
    await t.advance(200);
    expect(t.receiver.statuses().at(-1)?.pricing).toMatchObject({
      billable: false,
      type: 'free_customer_service',
    });
  });

  it('webhook version 24 and later leaves out the conversation object', async () => {
    t = await startTestEmulator({ webhookVersion: 24 });
    await openWindow();
    await accepted(text('x'));
    await t.advance(200);
    expect(t.receiver.statuses()[0]).not.toHaveProperty('conversation');
    expect(t.receiver.statuses()[0]).toHaveProperty('pricing');
  });

  it('a business reaction reports only sent and shows on the customer’s message', async () => {
    t = await startTestEmulator();
    const { id } = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'hi' } });
    await accepted(validatedSend({ type: 'reaction', reaction: { message_id: id, emoji: '❤️' } }));
    await t.advance(10_000);
    expect(t.receiver.statuses().map((s) => s.status)).toEqual(['sent']);
    const thread = t.emulator.thread(CUSTOMER.waId);
    expect(thread.items).toHaveLength(1);
    expect(thread.items[0]?.reactions).toEqual([{ from: 'business', emoji: '❤️' }]);
  });

  it('mark-as-read marks that message and every earlier one; typing shows for 25 s or until the next send', async () => {
    t = await startTestEmulator();
    const a = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'a' } });
    const b = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'b' } });
    const c = t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'c' } });
    expect(
      t.emulator.gate.markRead({ phoneNumberId: PHONE_NUMBER_ID, messageId: b.id, typing: true }),
    ).toBeUndefined();
    const thread = t.emulator.thread(CUSTOMER.waId);
    expect(thread.items.map((i) => i.readByBusiness)).toEqual([true, true, false]);
    expect(thread.typing).toBe(true);
    t.clock.advance(25_000);
    expect(t.emulator.thread(CUSTOMER.waId).typing).toBe(false);
    t.emulator.gate.markRead({ phoneNumberId: PHONE_NUMBER_ID, messageId: c.id, typing: true });
    await accepted(text('answer'));
    expect(t.emulator.thread(CUSTOMER.waId).typing).toBe(false);
    expect(a.id).not.toBe(b.id);
    const unknown = t.emulator.gate.markRead({
      phoneNumberId: PHONE_NUMBER_ID,
      messageId: 'wamid.x',
      typing: false,
    });
    expect(unknown?.code).toBe(131009);
    const wrongNumber = t.emulator.gate.markRead({ phoneNumberId: '999', messageId: a.id, typing: false });
    expect(wrongNumber?.code).toBe(131009);
  });
});
