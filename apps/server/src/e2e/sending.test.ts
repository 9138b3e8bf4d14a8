import type { Message } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  apiKey,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

for (const kind of storeKinds) {
  describe(`sending through the outbox to the emulator (${kind})`, () => {
    let h: ServerWithEmulator;
    let nextCustomer = 0;

    beforeAll(async () => {
      h = await startServerWithEmulator(kind, {
        // Enough attempts that a send meeting the 50 % error rate of the ordering test below cannot
        // run out of them (eight failures in a row happen to one of its 16 sends in about 6 % of
        // runs, and a send that gives up rightly lets the next one go).
        outbox: {
          pollMs: 50,
          reconcileMs: 300,
          backoffBaseMs: 20,
          backoffCapMs: 200,
          sendTimeoutMs: 500,
          maxAttempts: 40,
        },
      });
    });
    afterAll(() => h.close());

    async function customer(): Promise<{ waId: string; conversationId: string }> {
      const waId = `49153000000${String(++nextCustomer).padStart(2, '0')}`;
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      await h.settle();
      return { waId, conversationId: (await h.conversationOf(waId)).id };
    }

    async function send(conversationId: string, body: unknown, key?: string) {
      const response = await fetch(`${h.serverUrl}/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          ...(key !== undefined && { 'idempotency-key': key }),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as { message: Message; error?: any } };
    }

    /** Waits until the outbox has nothing due and returns the message as the API shows it. */
    async function sent(id: string): Promise<Message> {
      await h.server.outbox.settle();
      await h.settle();
      return h.message(id);
    }

    const bodiesOf = (waId: string) =>
      h.emulator.received(waId).map((item) => (item.message as { text?: { body?: string } }).text?.body);

    it('sends text: 202 queued, then accepted with the wamid, and the customer has it', async () => {
      const { waId, conversationId } = await customer();
      const r = await send(conversationId, { type: 'text', text: { body: 'Ihre Unterlagen sind da. ✅' } });
      expect(r.status).toBe(202);
      expect(r.json.message).toMatchObject({ status: 'queued', direction: 'outbound', sentBy: 'api' });
      const message = await sent(r.json.message.id);
      expect(message.status).toBe('accepted');
      expect(message.providerMessageId).toMatch(/^wamid\./);
      expect(h.emulator.received(waId).map((item) => item.id)).toEqual([message.providerMessageId]);
      expect(bodiesOf(waId)).toEqual(['Ihre Unterlagen sind da. ✅']);
      const statuses = (await h.timeline(message.id)).map((entry) => entry.status);
      expect(statuses).toEqual(['queued', 'sending', 'accepted']);
      await h.advance(5000);
      expect((await h.message(message.id)).status).toBe('read');
    });

    it('returns one message for 50 concurrent requests with one Idempotency-Key, and sends it once', async () => {
      const { waId, conversationId } = await customer();
      const body = { type: 'text', text: { body: 'einmal' } };
      const results = await Promise.all(
        Array.from({ length: 50 }, () => send(conversationId, body, 'same-key')),
      );
      expect(results.every((r) => r.status === 202)).toBe(true);
      expect(new Set(results.map((r) => r.json.message.id)).size).toBe(1);
      await sent(results[0]!.json.message.id);
      expect(bodiesOf(waId)).toEqual(['einmal']);
      expect((await h.messagesOf(waId)).filter((m) => m.direction === 'outbound')).toHaveLength(1);
    });

    it('refuses free-form text outside the window with 409 window_closed, naming its end', async () => {
      const { conversationId } = await customer();
      const conversation = await h.api<{ windowExpiresAt: string }>(`/v1/conversations/${conversationId}`);
      expect(Date.parse(conversation.windowExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
      // A number that never wrote has no window at all.
      const response = await fetch(`${h.serverUrl}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          to: '+49 1530 0000 999'.replace(/\s/g, ''),
          type: 'text',
          text: { body: 'Hallo?' },
        }),
      });
      expect(response.status).toBe(409);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('window_closed');
      expect(json.error.message).toMatch(/template/);
    });

    it('keeps a conversation in order through retryable errors, without holding back others', async () => {
      const a = await customer();
      const b = await customer();
      h.emulator.setFaults({ sendErrorRate: 0.5 });
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        ids.push((await send(a.conversationId, { type: 'text', text: { body: `a${i}` } })).json.message.id);
        ids.push((await send(b.conversationId, { type: 'text', text: { body: `b${i}` } })).json.message.id);
      }
      for (let round = 0; round < 50; round++) {
        await h.server.outbox.settle();
        const open = await h.server.store.countOpenOutbox();
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      h.emulator.setFaults({ sendErrorRate: 0 });
      expect(bodiesOf(a.waId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
      expect(bodiesOf(b.waId)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
      for (const id of ids) expect((await h.message(id)).status).toBe('accepted');
    });

    it('reconciles a send that timed out through its status webhook, never sending it twice', async () => {
      const { waId, conversationId } = await customer();
      h.emulator.setFaults({ sendTimeoutRate: 1, acceptOnTimeout: true, timeoutMs: 60_000 });
      const r = await send(conversationId, { type: 'text', text: { body: 'nur einmal' } });
      await h.untilEmulator(() => h.emulator.received(waId)[0]);
      // The server's client gave up after 500 ms: the attempt is unconfirmed.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await h.server.store.getOutboxEntry(r.json.message.id))?.state).toBe('unconfirmed');
      h.emulator.setFaults({ sendTimeoutRate: 0 });
      await h.advance(1000); // the customer's phone reports `sent`, echoing our id
      const message = await sent(r.json.message.id);
      expect(message.providerMessageId).toBe(h.emulator.received(waId)[0]!.id);
      expect(['sent', 'delivered', 'read']).toContain(message.status);
      await new Promise((resolve) => setTimeout(resolve, 400)); // past reconcileMs
      await sent(r.json.message.id);
      expect(bodiesOf(waId)).toEqual(['nur einmal']);
    });

    it('marks a conversation read locally and at WhatsApp, and shows typing', async () => {
      const { waId, conversationId } = await customer();
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Noch da?' } });
      await h.settle();
      expect((await h.conversationOf(waId)).unreadCount).toBe(2);
      const post = (path: string, body?: unknown) =>
        fetch(`${h.serverUrl}/v1/conversations/${conversationId}/${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      expect((await post('typing')).status).toBe(204);
      const read = await post('read', {});
      expect(read.status).toBe(200);
      const json = (await read.json()) as {
        conversation: { unreadCount: number };
        providerNotified: boolean;
      };
      expect(json).toMatchObject({ conversation: { unreadCount: 0 }, providerNotified: true });
      const inbound = (await h.messagesOf(waId)).filter((m) => m.direction === 'inbound');
      expect(inbound.map((m) => m.status)).toEqual(['read', 'read']);
      // The customer's phone shows blue ticks on both.
      const items = h.emulator.thread(waId).items.filter((item) => item.direction === 'in');
      expect(items.map((item) => item.readByBusiness)).toEqual([true, true]);
    });
  });
}
