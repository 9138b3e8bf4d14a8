import { CUSTOMER_SERVICE_WINDOW_MS } from '@switchboard/whatsapp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER,
  helloWorld,
  startTestEmulator,
  text,
  validatedSend,
  type TestEmulator,
} from '../webhooks/test-support/test-emulator.js';

let t: TestEmulator;
afterEach(async () => {
  await t.close();
});

describe('the 24-hour customer service window', () => {
  it('accepts a free-form send outside the window with 200, then fails it with 131047; templates go through', async () => {
    t = await startTestEmulator();
    t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body: 'hi' } });
    expect(t.emulator.thread(CUSTOMER.waId).windowExpiresAt).toBe(t.clock.now() + CUSTOMER_SERVICE_WINDOW_MS);
    await t.advance(CUSTOMER_SERVICE_WINDOW_MS - 1);
    const inside = await t.emulator.gate.accept(text('still open'));
    await t.advance(1);
    expect(t.emulator.thread(CUSTOMER.waId).windowExpiresAt).toBeNull();
    const outside = await t.emulator.gate.accept(text('too late'));
    const template = await t.emulator.gate.accept(helloWorld());
    expect(inside.ok && outside.ok && template.ok).toBe(true);
    expect(template).toMatchObject({ messageStatus: 'accepted' });
    await t.advance(5000);
    const byId = (r: typeof outside) => t.receiver.statuses().filter((s) => r.ok && s.id === r.wamid);
    expect(byId(inside).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(byId(template).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    const failed = byId(outside);
    expect(failed).toEqual([
      {
        id: outside.ok ? outside.wamid : '',
        status: 'failed',
        timestamp: expect.any(String),
        recipient_id: CUSTOMER.waId,
        recipient_user_id: expect.any(String),
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            message: 'Re-engagement message',
            error_data: {
              details:
                'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
            },
            href: '/documentation/business-messaging/whatsapp/support/error-codes',
          },
        ],
      },
    ]);
    const item = t.emulator.received(CUSTOMER.waId).find((i) => outside.ok && i.id === outside.wamid);
    expect(item).toMatchObject({ status: 'failed', error: { code: 131047, title: 'Re-engagement message' } });
  });
});

describe('throughput', () => {
  it('refuses the 81st message within one second with 130429 and recovers as the second slides', async () => {
    t = await startTestEmulator();
    const results = [];
    for (let i = 0; i < 81; i++) {
      results.push(
        await t.emulator.gate.accept(
          validatedSend({
            type: 'template',
            to: `1650555${String(i).padStart(4, '0')}`,
            template: { name: 'hello_world', language: { code: 'en_US' } },
          }),
        ),
      );
    }
    expect(results.slice(0, 80).every((r) => r.ok)).toBe(true);
    const refused = results[80]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe(130429);
      expect(refused.error.httpStatus).toBe(400);
      expect(refused.error.details).toBe('Cloud API message throughput has been reached.');
    }
    t.clock.advance(1000);
    expect((await t.emulator.gate.accept(helloWorld({ to: '16505559999' }))).ok).toBe(true);
  });

  it('uses the number’s configured throughput', async () => {
    t = await startTestEmulator({
      businessNumbers: [
        { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', throughputPerSecond: 2 },
      ],
    });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.emulator.gate.accept(helloWorld({ to: `1650555000${i}` }));
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 130429]);
  });
});

describe('pair rate limit', () => {
  it('allows a burst to one customer, then 131056 until a token is regained every interval', async () => {
    t = await startTestEmulator({ pairRateLimit: { burst: 3, intervalMs: 6000 } });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.emulator.gate.accept(helloWorld());
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 131056]);
    // Another customer is not affected.
    expect((await t.emulator.gate.accept(helloWorld({ to: '16505550001' }))).ok).toBe(true);
    t.clock.advance(5999);
    expect((await t.emulator.gate.accept(helloWorld())).ok).toBe(false);
    t.clock.advance(1);
    expect((await t.emulator.gate.accept(helloWorld())).ok).toBe(true);
  });

  it('a send refused for the pair rate takes no throughput slot', async () => {
    t = await startTestEmulator({
      pairRateLimit: { burst: 1 },
      businessNumbers: [
        { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', throughputPerSecond: 2 },
      ],
    });
    const codes = [];
    for (const to of [CUSTOMER.waId, CUSTOMER.waId, '16505550001', '16505550002']) {
      const r = await t.emulator.gate.accept(helloWorld({ to }));
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['ok', 131056, 'ok', 130429]);
  });

  it('defaults to a burst of 45', async () => {
    t = await startTestEmulator({
      businessNumbers: [
        { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', throughputPerSecond: 1000 },
      ],
    });
    let ok = 0;
    for (let i = 0; i < 46; i++) if ((await t.emulator.gate.accept(helloWorld())).ok) ok++;
    expect(ok).toBe(45);
  });
});

describe('undeliverable numbers', () => {
  it('fails sends to an undeliverable customer with 131026 after the 200', async () => {
    t = await startTestEmulator({
      customers: [{ waId: '16505550666', name: 'Blocked', undeliverable: true }],
    });
    const r = await t.emulator.gate.accept(helloWorld({ to: '16505550666' }));
    expect(r.ok).toBe(true);
    await t.advance(1000);
    expect(t.receiver.statuses()).toEqual([
      expect.objectContaining({
        status: 'failed',
        recipient_id: '16505550666',
        errors: [expect.objectContaining({ code: 131026, title: 'Message Undeliverable' })],
      }),
    ]);
  });

  it('treats unknown numbers as not on WhatsApp when only configured customers are reachable', async () => {
    t = await startTestEmulator({ anyNumberReachable: false });
    await t.emulator.gate.accept(helloWorld({ to: '4915112345678' }));
    await t.emulator.gate.accept(helloWorld());
    await t.advance(1000);
    const [unknown] = t.receiver.statuses();
    expect(unknown).toMatchObject({
      status: 'failed',
      recipient_id: '4915112345678',
      errors: [{ code: 131026 }],
    });
    expect(unknown).not.toHaveProperty('recipient_user_id');
    expect(t.emulator.state().customers.map((c) => c.waId)).toEqual([CUSTOMER.waId]);
  });

  it('reaches any well-formed number by default, creating the customer', async () => {
    t = await startTestEmulator();
    await t.emulator.gate.accept(helloWorld({ to: '+49 151 1234 5678' }));
    await t.advance(1000);
    expect(t.receiver.statuses()[0]).toMatchObject({ status: 'sent', recipient_id: '4915112345678' });
    expect(t.emulator.state().customers.map((c) => c.waId)).toContain('4915112345678');
  });
});
