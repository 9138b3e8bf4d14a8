import type { CustomerMessageInput } from '@switchboard/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  startServerWithEmulator,
  statusDelaysMs,
  type OutboundSpec,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

// Meta documents that webhooks can come more than once and statuses out of order (and `delivered`
// not at all when the chat is open). The emulator injects exactly that; the store must stay right.

const text = (body: string): OutboundSpec => ({ type: 'text', content: { body }, send: { text: { body } } });
const noFaults = { duplicateRate: 0, outOfOrder: false, skipDelivered: false, batchSize: 1 };

/** When the phone reports each step of a message sent at `sentAt` (emulator time). */
function statusTimes(sentAt: number) {
  const read = sentAt + statusDelaysMs.read;
  return {
    sent: new Date(sentAt + statusDelaysMs.sent).toISOString(),
    delivered: new Date(sentAt + statusDelaysMs.delivered).toISOString(),
    read: new Date(read).toISOString(),
    played: new Date(read + statusDelaysMs.played).toISOString(),
  };
}

for (const kind of storeKinds) {
  describe(`duplicated and out-of-order webhooks from the emulator (${kind})`, () => {
    let h: ServerWithEmulator;
    // Each test talks to its own customer, so counts and faults do not mix.
    let nextCustomer = 0;
    async function newCustomer(): Promise<string> {
      const waId = `49151000000${String(++nextCustomer).padStart(2, '0')}`;
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      await h.settle();
      return waId;
    }
    /** Lets the phone run through every step (the last is `played`, 4 s after a send). */
    const letPhoneFinish = () => h.advance(5000);

    beforeAll(async () => {
      h = await startServerWithEmulator(kind);
    });
    afterEach(() => {
      h.emulator.setFaults(noFaults);
    });
    afterAll(() => h.close());

    it('stores each customer message once although every webhook is delivered twice', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ duplicateRate: 1 });
      const send = (input: CustomerMessageInput) => h.emulator.customerSends(waId, input);
      const first = send({ type: 'text', text: { body: 'Ist der Antrag durch?' } });
      const image = send({ type: 'image', image: { caption: 'Ausweis' } });
      const reply = send({ type: 'text', text: { body: 'siehe oben' }, context: { message_id: first.id } });
      const reaction = send({ type: 'reaction', reaction: { message_id: first.id, emoji: '👍' } });
      const edit = send({
        type: 'edit',
        edit: { original_message_id: first.id, message: { type: 'text', text: { body: 'Ist er durch?' } } },
      });
      const sent = [first, image, reply, reaction, edit];
      await h.settle();

      const deliveries = h.emulator.webhooks();
      for (const { webhookId } of sent) {
        const copies = deliveries.filter((d) => d.id === webhookId || d.duplicateOf === webhookId);
        expect(copies).toHaveLength(2);
        for (const copy of copies)
          expect(copy).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
      }
      // Both copies reach the inbox (the raw log keeps what Meta sent); processing applies one.
      const inbox = (await h.server.store.listWebhooks({ limit: 1000 })).filter((w) =>
        sent.some(({ id }) => w.body.toString('utf8').includes(id)),
      );
      expect(inbox).toHaveLength(2 * sent.length);
      expect(inbox.every((w) => w.status === 'processed')).toBe(true);

      const messages = await h.messagesOf(waId);
      for (const { id } of sent) {
        expect(
          messages.filter((m) => m.providerMessageId === id),
          id,
        ).toHaveLength(1);
      }
      expect(messages).toHaveLength(1 + sent.length); // with the "Hallo" that opened the conversation
      const original = messages.find((m) => m.providerMessageId === first.id)!;
      expect(original).toMatchObject({
        content: { body: 'Ist er durch?' },
        reactions: [{ emoji: '👍', from: 'contact' }],
      });
      expect(messages.find((m) => m.providerMessageId === reply.id)!.replyTo).toBe(original.id);
      // Reactions and edits change their target; only real messages count as unread.
      expect((await h.conversationOf(waId)).unreadCount).toBe(4);
    });

    it('ends an out-of-order, duplicated status sequence in `read`, each status once in the timeline', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ duplicateRate: 1, outOfOrder: true });
      const sentAt = h.clock.now();
      const { message, wamid } = await h.outboxSend(waId, text('Ihr Kredit ist genehmigt.'));
      await letPhoneFinish();

      const deliveries = h.statusDeliveriesOf(wamid);
      const originals = deliveries.filter((d) => d.delivery.duplicateOf === undefined);
      const order = originals.flatMap((d) => d.statuses);
      expect([...order].sort()).toEqual(['delivered', 'read', 'sent']);
      expect(order).not.toEqual(['sent', 'delivered', 'read']); // the fault did reorder them
      expect(deliveries).toHaveLength(6);
      for (const { delivery } of deliveries)
        expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);

      const times = statusTimes(sentAt);
      expect(await h.message(message.id)).toMatchObject({
        status: 'read',
        error: null,
        sentAt: times.sent,
        deliveredAt: times.delivered,
        readAt: times.read,
      });
      const timeline = await h.timeline(message.id);
      expect(timeline.map((t) => [t.status, t.at])).toEqual([
        ['sent', times.sent],
        ['delivered', times.delivered],
        ['read', times.read],
      ]);
      // Pricing comes on `sent` and on one of delivered/read, whatever order they arrive in.
      const pricing = expect.objectContaining({
        billable: false,
        pricing_model: 'PMP',
        type: 'free_customer_service',
        category: 'service',
      });
      expect(timeline.map((t) => t.pricing)).toEqual([pricing, pricing, null]);
    });

    it('ends a voice note in `played` whatever order its statuses come in', async () => {
      const waId = await newCustomer();
      const mediaId = await h.uploadMedia(Buffer.from('OggS e2e voice note'), 'audio/ogg', 'note.ogg');
      h.emulator.setFaults({ duplicateRate: 1, outOfOrder: true });
      const sentAt = h.clock.now();
      const { message, wamid } = await h.outboxSend(waId, {
        type: 'audio',
        content: { voice: true },
        send: { audio: { id: mediaId, voice: true } },
      });
      await letPhoneFinish();

      const order = h
        .statusDeliveriesOf(wamid)
        .filter((d) => d.delivery.duplicateOf === undefined)
        .flatMap((d) => d.statuses);
      expect([...order].sort()).toEqual(['delivered', 'played', 'read', 'sent']);
      const times = statusTimes(sentAt);
      expect(await h.message(message.id)).toMatchObject({
        status: 'played',
        sentAt: times.sent,
        deliveredAt: times.delivered,
        readAt: times.read,
      });
      expect((await h.timeline(message.id)).map((t) => [t.status, t.at])).toEqual([
        ['sent', times.sent],
        ['delivered', times.delivered],
        ['read', times.read],
        ['played', times.played],
      ]);
    });

    it('ends in `read` when `delivered` never comes, with the delivery time implied by the read', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ duplicateRate: 1, outOfOrder: true, skipDelivered: true });
      const sentAt = h.clock.now();
      const { message, wamid } = await h.outboxSend(waId, text('Bitte unterschreiben Sie den Vertrag.'));
      await letPhoneFinish();

      const statuses = h.statusDeliveriesOf(wamid).flatMap((d) => d.statuses);
      expect([...statuses].sort()).toEqual(['read', 'read', 'sent', 'sent']);
      const times = statusTimes(sentAt);
      expect(await h.message(message.id)).toMatchObject({
        status: 'read',
        sentAt: times.sent,
        deliveredAt: times.read,
        readAt: times.read,
      });
      expect((await h.timeline(message.id)).map((t) => [t.status, t.at])).toEqual([
        ['sent', times.sent],
        ['read', times.read],
      ]);
    });

    it('applies every message and status of batched webhooks once, also when a batch comes twice', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ batchSize: 10, batchWindowMs: 50, duplicateRate: 1, outOfOrder: true });
      const first = h.emulator.customerSends(waId, { type: 'text', text: { body: 'Frage 1' } });
      const second = h.emulator.customerSends(waId, { type: 'text', text: { body: 'Frage 2' } });
      const reaction = h.emulator.customerSends(waId, {
        type: 'reaction',
        reaction: { message_id: first.id, emoji: '🙂' },
      });
      expect(new Set([first.webhookId, second.webhookId, reaction.webhookId]).size).toBe(1);
      await h.advance(50); // the batch window closes
      const messageBatch = h.emulator.webhooks().filter((d) => d.rawBody.includes(first.id));
      expect(messageBatch.map((d) => d.eventCount)).toEqual([3, 3]);

      const { message, wamid } = await h.outboxSend(waId, text('Antwort auf beide Fragen'));
      await letPhoneFinish();
      const statusBatch = h.statusDeliveriesOf(wamid);
      expect(statusBatch).toHaveLength(2);
      for (const { delivery, statuses } of statusBatch) {
        expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
        expect([...statuses].sort()).toEqual(['delivered', 'read', 'sent']);
      }

      const messages = await h.messagesOf(waId);
      for (const { id } of [first, second, reaction]) {
        expect(
          messages.filter((m) => m.providerMessageId === id),
          id,
        ).toHaveLength(1);
      }
      expect(messages.find((m) => m.providerMessageId === first.id)!.reactions).toEqual([
        { emoji: '🙂', from: 'contact', at: expect.any(String) },
      ]);
      expect(await h.message(message.id)).toMatchObject({ status: 'read' });
      expect((await h.timeline(message.id)).map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
    });
  });
}
