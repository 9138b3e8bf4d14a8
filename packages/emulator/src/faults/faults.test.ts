import { afterEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER,
  helloWorld,
  startTestEmulator,
  text,
  type TestEmulator,
} from '../webhooks/test-support/test-emulator.js';

let t: TestEmulator;
afterEach(async () => {
  await t.close();
});

const say = (body: string) => t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: { body } });

describe('webhook faults', () => {
  it('duplicateRate delivers the same bytes twice', async () => {
    t = await startTestEmulator({ faults: { duplicateRate: 1 } });
    const { webhookId } = say('once');
    await t.emulator.webhooksIdle();
    expect(t.receiver.received).toHaveLength(2);
    expect(t.receiver.received[0]!.raw.equals(t.receiver.received[1]!.raw)).toBe(true);
    expect(t.emulator.webhooks().map((d) => d.duplicateOf)).toEqual([undefined, webhookId]);
  });

  it('batchSize merges events into one POST: messages in one value, statuses in another change', async () => {
    t = await startTestEmulator({ faults: { batchSize: 3, batchWindowMs: 1000 } });
    const a = say('a');
    const b = say('b');
    expect(a.webhookId).toBe(b.webhookId);
    expect(t.receiver.received).toHaveLength(0);
    await t.emulator.gate.accept(text('reply'));
    await t.advance(200); // `sent` is the third event: the batch is full
    expect(t.receiver.received).toHaveLength(1);
    const [entry] = t.receiver.received[0]!.body.entry;
    expect(entry!.changes).toHaveLength(2);
    const [messages, statuses] = entry!.changes.map((c) => c.value as any);
    expect(messages.messages.map((m: any) => m.text.body)).toEqual(['a', 'b']);
    expect(messages.contacts).toHaveLength(1);
    expect(statuses.statuses.map((s: any) => s.status)).toEqual(['sent']);
    // A partial batch goes out when its window ends.
    await t.advance(600); // `delivered` opens the next batch
    expect(t.receiver.received).toHaveLength(1);
    await t.advance(1000);
    expect(t.receiver.received).toHaveLength(2);
    expect(t.receiver.statuses().map((s) => s.status)).toEqual(['sent', 'delivered']);
  });

  it('outOfOrder delivers the statuses of a message shuffled', async () => {
    t = await startTestEmulator({ faults: { outOfOrder: true } });
    say('hi');
    await t.emulator.gate.accept(text('x'));
    await t.advance(5000);
    const order = t.receiver.statuses().map((s) => s.status);
    expect([...order].sort()).toEqual(['delivered', 'read', 'sent']);
    expect(order).not.toEqual(['sent', 'delivered', 'read']);
    // The phone's state itself never goes backwards.
    expect(t.emulator.received(CUSTOMER.waId)[0]?.status).toBe('read');
  });

  it('skipDelivered leaves out the delivered webhook; read carries the pricing', async () => {
    t = await startTestEmulator({ faults: { skipDelivered: true } });
    await t.emulator.gate.accept(helloWorld());
    await t.advance(5000);
    const statuses = t.receiver.statuses();
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'read']);
    expect(statuses[1]?.pricing).toBeDefined();
  });

  it('withholdWebhooks holds deliveries until released, in order', async () => {
    t = await startTestEmulator({ faults: { withholdWebhooks: true } });
    say('1');
    say('2');
    await t.emulator.webhooksIdle();
    expect(t.receiver.received).toHaveLength(0);
    expect(t.emulator.webhooks({ state: 'withheld' })).toHaveLength(2);
    expect(t.emulator.releaseWebhooks()).toBe(2);
    await t.emulator.webhooksIdle();
    expect(t.receiver.messages().map((m: any) => m.text.body)).toEqual(['1', '2']);
    say('3');
    expect(t.emulator.webhooks({ state: 'withheld' })).toHaveLength(1);
    // Turning the fault off releases what it held.
    t.emulator.setFaults({ withholdWebhooks: false });
    await t.emulator.webhooksIdle();
    expect(t.receiver.messages()).toHaveLength(3);
  });
});

describe('send faults', () => {
  it('sendLatencyMs delays the answer on the emulator clock', async () => {
    t = await startTestEmulator({ faults: { sendLatencyMs: 300 } });
    let settled = false;
    const pending = t.emulator.gate.accept(helloWorld()).then((r) => {
      settled = true;
      return r;
    });
    t.clock.advance(299);
    await Promise.resolve();
    expect(settled).toBe(false);
    t.clock.advance(1);
    expect((await pending).ok).toBe(true);
  });

  it('sendErrorRate answers 5xx (131000 or 2) and records nothing', async () => {
    t = await startTestEmulator({ faults: { sendErrorRate: 1 } });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => t.emulator.gate.accept(helloWorld())));
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect([131000, 2]).toContain(r.error.code);
        expect(r.error.httpStatus).toBeGreaterThanOrEqual(500);
      }
    }
    expect(t.emulator.received(CUSTOMER.waId)).toHaveLength(0);
  });

  it('sendTimeoutRate holds the answer for timeoutMs; with acceptOnTimeout the message went out anyway', async () => {
    t = await startTestEmulator({ faults: { sendTimeoutRate: 1, timeoutMs: 30_000, acceptOnTimeout: true } });
    const pending = t.emulator.gate.accept(helloWorld());
    await t.advance(1000);
    // The customer has it and the app already has its `sent` webhook while the caller still waits.
    expect(t.emulator.received(CUSTOMER.waId)).toHaveLength(1);
    expect(t.receiver.statuses().map((s) => s.status)).toContain('sent');
    t.clock.advance(29_000);
    const result = await pending;
    expect(result.ok && result.wamid).toBe(t.emulator.received(CUSTOMER.waId)[0]?.id);
  });

  it('without acceptOnTimeout a timed-out send is answered 500 late and not sent', async () => {
    t = await startTestEmulator({ faults: { sendTimeoutRate: 1, timeoutMs: 5000, acceptOnTimeout: false } });
    const pending = t.emulator.gate.accept(helloWorld());
    t.clock.advance(5000);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(t.emulator.received(CUSTOMER.waId)).toHaveLength(0);
  });

  it('the same seed gives the same faults', async () => {
    const run = async () => {
      const e = await startTestEmulator({ seed: 7, faults: { sendErrorRate: 0.5 } });
      const results = [];
      for (let i = 0; i < 20; i++)
        results.push(
          (await e.emulator.gate.accept(helloWorld({ to: `165055500${String(i).padStart(2, '0')}` }))).ok,
        );
      await e.close();
      return results;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
    t = await startTestEmulator();
  });
});
