import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  appointmentTemplate,
  startServerWithEmulator,
  statusDelaysMs,
  type OutboundSpec,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

// What the outbox will face once the server sends: the send's result (the wamid) is recorded after
// the Graph API answers, but the provider's webhooks about that message can come first (Meta: the
// `sent` status may beat the response), and a send the Graph API accepts can still fail later.

const text = (body: string): OutboundSpec => ({ type: 'text', content: { body }, send: { text: { body } } });
const question: OutboundSpec = {
  type: 'interactive',
  content: { type: 'button', body: 'Passt Ihnen der Termin?' },
  send: {
    interactive: {
      type: 'button',
      body: { text: 'Passt Ihnen der Termin?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'ok', title: 'Ja' } },
          { type: 'reply', reply: { id: 'later', title: 'Später' } },
        ],
      },
    },
  },
};
const noFaults = { duplicateRate: 0, outOfOrder: false, skipDelivered: false, sendLatencyMs: 0 };
const hourMs = 60 * 60 * 1000;
const slowSendMs = 10_000;

for (const kind of storeKinds) {
  describe(`send results recorded after the provider's webhooks (${kind})`, () => {
    let h: ServerWithEmulator;
    let nextCustomer = 0;
    async function newCustomer(): Promise<string> {
      const waId = `49152000000${String(++nextCustomer).padStart(2, '0')}`;
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      await h.settle();
      return waId;
    }
    const letPhoneFinish = () => h.advance(5000);

    /**
     * The outbox's message whose Graph answer is slow (the send-latency fault): the customer gets
     * it, reads it, answers it and reacts to it while the server does not know its wamid yet.
     */
    async function slowSendAnsweredEarly() {
      const waId = await newCustomer();
      h.emulator.setFaults({ sendLatencyMs: slowSendMs });
      const created = await h.createOutbound(waId, question);
      const result = h.graphSend(waId, question);
      const wamid = await h.untilEmulator(() => h.emulator.received(waId)[0]?.id);
      await h.advance(statusDelaysMs.read);
      const reply = h.emulator.customerSends(waId, {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'ok', title: 'Ja' } },
        context: { message_id: wamid },
      });
      h.emulator.customerSends(waId, { type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } });
      await h.settle();
      expect(await h.message(created.id)).toMatchObject({ status: 'sending', providerMessageId: null });

      await h.advance(slowSendMs - statusDelaysMs.read);
      expect(await result).toBe(wamid);
      const recorded = await h.recordProviderId(created.id, wamid);
      return { waId, created, recorded, wamid, reply: await h.messageByWamid(waId, reply.id) };
    }

    beforeAll(async () => {
      h = await startServerWithEmulator(kind);
    });
    afterEach(() => {
      h.emulator.setFaults(noFaults);
    });
    afterAll(() => h.close());

    it('keeps out-of-order, duplicated statuses that arrive before the wamid is recorded', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ duplicateRate: 1, outOfOrder: true });
      const sentAt = h.clock.now();
      const spec = text('Wir rufen Sie morgen an.');
      const created = await h.createOutbound(waId, spec);
      const wamid = await h.graphSend(waId, spec);
      // Every status is delivered and processed while the message has no provider id yet.
      await letPhoneFinish();
      expect(h.statusDeliveriesOf(wamid)).toHaveLength(6);
      expect(await h.message(created.id)).toMatchObject({ status: 'sending', providerMessageId: null });
      expect(await h.timeline(created.id)).toEqual([]);

      const recorded = await h.recordProviderId(created.id, wamid);
      const expected = {
        providerMessageId: wamid,
        status: 'read',
        sentAt: new Date(sentAt + statusDelaysMs.sent).toISOString(),
        deliveredAt: new Date(sentAt + statusDelaysMs.delivered).toISOString(),
        readAt: new Date(sentAt + statusDelaysMs.read).toISOString(),
      };
      expect(recorded).toMatchObject(expected);
      expect(await h.message(created.id)).toMatchObject(expected);
      expect((await h.timeline(created.id)).map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
    });

    it('applies an early `sent` when the wamid is recorded, and the later statuses as they come', async () => {
      const waId = await newCustomer();
      h.emulator.setFaults({ duplicateRate: 1 });
      const spec = text('Ihre Unterlagen sind vollständig.');
      const created = await h.createOutbound(waId, spec);
      const wamid = await h.graphSend(waId, spec);
      await h.advance(statusDelaysMs.sent); // the `sent` webhook beats the send's result, as with Meta
      expect(h.statusDeliveriesOf(wamid).flatMap((d) => d.statuses)).toEqual(['sent', 'sent']);
      expect((await h.recordProviderId(created.id, wamid)).status).toBe('sent');
      await letPhoneFinish();
      expect(await h.message(created.id)).toMatchObject({ status: 'read' });
      expect((await h.timeline(created.id)).map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
    });

    it('applies the statuses of a slow send once its wamid is recorded', async () => {
      const { created, recorded } = await slowSendAnsweredEarly();
      expect(recorded).toMatchObject({ status: 'read' });
      expect((await h.timeline(created.id)).map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
    });

    // The reply is processed before our wamid is recorded; recording it must link the reply.
    it('links a reply that came before the wamid was recorded to our message', async () => {
      const { created, reply, wamid } = await slowSendAnsweredEarly();
      expect(reply.context).toMatchObject({ providerMessageId: wamid });
      expect((await h.message(reply.id)).replyTo).toBe(created.id);
    });

    // The reaction is processed before our wamid is recorded; recording it must apply the reaction.
    it('applies a reaction that came before the wamid was recorded to our message', async () => {
      const { created } = await slowSendAnsweredEarly();
      expect((await h.message(created.id)).reactions).toEqual([
        { emoji: '👍', from: 'contact', at: expect.any(String) },
      ]);
    });

    // Moves the emulator's clock a day ahead: keep it last.
    it('records the asynchronous 131047 failure of a free-form send outside the 24-hour window', async () => {
      const waId = await newCustomer();
      await h.advance(25 * hourMs);
      expect(h.emulator.thread(waId).windowExpiresAt).toBeNull();
      h.emulator.setFaults({ duplicateRate: 1, outOfOrder: true });

      // The Graph API accepts the send (200 with a wamid); the failure comes as a status.
      const { message, wamid } = await h.outboxSend(waId, text('Sind Sie noch interessiert?'));
      expect((await h.message(message.id)).status).toBe('sending');
      await letPhoneFinish();

      expect(h.statusDeliveriesOf(wamid).flatMap((d) => d.statuses)).toEqual(['failed', 'failed']);
      const failed = await h.message(message.id);
      expect(failed).toMatchObject({
        status: 'failed',
        error: {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          retryable: false,
        },
        sentAt: null,
        deliveredAt: null,
        readAt: null,
      });
      expect(await h.timeline(message.id)).toEqual([
        expect.objectContaining({ status: 'failed', error: failed.error }),
      ]);

      // A template is allowed outside the window: the same customer gets it and reads it.
      const template = await h.outboxSend(waId, {
        type: 'template',
        content: { name: appointmentTemplate.name, language: appointmentTemplate.language },
        send: {
          template: {
            name: appointmentTemplate.name,
            language: { code: appointmentTemplate.language },
            components: [{ type: 'body', parameters: [{ type: 'text', text: '10:00' }] }],
          },
        },
      });
      await letPhoneFinish();
      expect(await h.message(template.message.id)).toMatchObject({ status: 'read', error: null });
    });
  });
}
