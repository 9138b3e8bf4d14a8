import fc from 'fast-check';
import { statusRank } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundStatusValue } from '../../domain/inbound-batch.js';
import { change, statusUpdate, textMessage, wamid } from '../../test-support/inbound-fixtures.js';
import type { Channel, Store } from '../store.js';

export function statusContract(makeStore: () => Promise<Store>): void {
  describe('statuses', () => {
    let store: Store;
    let channel: Channel;
    let conversationId: string;
    beforeAll(async () => {
      store = await makeStore();
      channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '2002', name: 'Loans' });
      await store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({ phoneNumberId: '2002', messages: [textMessage('4930000000001', 'hi')] }),
          Date.now(),
        ),
      );
      conversationId = (await store.listConversations({ limit: 1 })).data[0]!.id;
    });
    afterAll(() => store.close());

    const send = (providerMessageId: string | null) =>
      store.transaction((tx) =>
        tx.createOutboundMessage({
          conversationId,
          type: 'text',
          content: { body: 'Your loan is approved' },
          clientMessageId: null,
          sentBy: 'api',
          providerMessageId,
          status: 'accepted',
          now: Date.now(),
        }),
      );
    const deliver = (...statuses: ReturnType<typeof statusUpdate>[]) =>
      store.transaction((tx) =>
        tx.applyInbound(channel, change({ phoneNumberId: '2002', statuses }), Date.now()),
      );

    it('moves forward only, records every status once with its time, and fills skipped times', async () => {
      const id = wamid();
      const message = await send(id);
      const t0 = Date.now() - 10_000;
      await deliver(statusUpdate(id, 'sent', t0));
      await deliver(statusUpdate(id, 'read', t0 + 2000));
      // `read` implies `delivered`, at the read time until the real time is known.
      expect((await store.getMessage(message.id))!.deliveredAt).toBe(new Date(t0 + 2000).toISOString());
      await deliver(statusUpdate(id, 'delivered', t0 + 1000));
      const head = await store.headSeq();
      await deliver(statusUpdate(id, 'delivered', t0 + 1000), statusUpdate(id, 'read', t0 + 2000));
      expect(await store.headSeq()).toBe(head); // duplicates append nothing
      const stored = (await store.getMessage(message.id))!;
      expect(stored.status).toBe('read'); // the late `delivered` did not move it back
      expect(stored.sentAt).toBe(new Date(t0).toISOString());
      expect(stored.readAt).toBe(new Date(t0 + 2000).toISOString());
      expect(stored.deliveredAt).toBe(new Date(t0 + 1000).toISOString());
      const timeline = await store.getTimeline(message.id);
      expect(timeline.map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
    });

    it('records failed with its error, and played after read for voice', async () => {
      const failedId = wamid();
      const failed = await send(failedId);
      const before = (await store.getConversation(conversationId))!.failedCount;
      await deliver(statusUpdate(failedId, 'sent'), statusUpdate(failedId, 'failed'));
      // The list's failed badge counts it, and the conversation's event says so.
      expect((await store.getConversation(conversationId))!.failedCount).toBe(before + 1);
      expect(await store.getMessage(failed.id)).toMatchObject({
        status: 'failed',
        error: { code: 131047, title: 'Re-engagement message', retryable: false },
      });
      const voiceId = wamid();
      const voice = await send(voiceId);
      await deliver(statusUpdate(voiceId, 'played'), statusUpdate(voiceId, 'read'));
      expect((await store.getMessage(voice.id))!.status).toBe('played');
    });

    it('keeps a status that arrives before its message and applies it when the message appears', async () => {
      const early = wamid();
      await deliver(statusUpdate(early, 'delivered'));
      const created = await send(early);
      expect(created.status).toBe('delivered');
      const later = wamid();
      const queued = await send(null);
      await deliver(statusUpdate(later, 'sent'));
      const assigned = await store.transaction((tx) => tx.setProviderMessageId(queued.id, later, Date.now()));
      expect(assigned!.status).toBe('sent');
      expect((await store.getTimeline(queued.id)).map((t) => t.status)).toEqual(['sent']);
    });

    it("moves a message to the new id a status names beside its old one (the provider's, then WhatsApp's)", async () => {
      const ownId = `chp_${wamid()}`;
      const whatsappId = wamid();
      const message = await send(ownId);
      // A status under the new id alone, before the rename, waits for its message.
      await deliver(statusUpdate(whatsappId, 'delivered', Date.now() - 500));
      await deliver({
        ...statusUpdate(whatsappId, 'sent', Date.now() - 1000),
        previousProviderMessageId: ownId,
      });
      const renamed = (await store.getMessage(message.id))!;
      expect(renamed.providerMessageId).toBe(whatsappId);
      expect(renamed.status).toBe('delivered');
      // From now on the new id alone finds it; a repeated rename changes nothing.
      const head = await store.headSeq();
      await deliver({
        ...statusUpdate(whatsappId, 'sent', Date.now() - 1000),
        previousProviderMessageId: ownId,
      });
      expect(await store.headSeq()).toBe(head);
      await deliver(statusUpdate(whatsappId, 'read'));
      expect((await store.getMessage(message.id))!.status).toBe('read');
      // A rename to an id another message holds is refused: ids stay unique.
      const other = await send(`chp_${wamid()}`);
      await deliver({
        ...statusUpdate(whatsappId, 'read'),
        previousProviderMessageId: other.providerMessageId!,
      });
      expect((await store.getMessage(other.id))!.providerMessageId).toBe(other.providerMessageId);
    });

    it('keeps a rename that arrives before the send was answered, and applies it with the answer', async () => {
      const ownId = `chp_${wamid()}`;
      const whatsappId = wamid();
      const queued = await send(null);
      await deliver({
        ...statusUpdate(whatsappId, 'delivered', Date.now() - 500),
        previousProviderMessageId: ownId,
      });
      const answered = await store.transaction((tx) => tx.setProviderMessageId(queued.id, ownId, Date.now()));
      expect(answered).toMatchObject({ providerMessageId: whatsappId, status: 'delivered' });
      await deliver(statusUpdate(whatsappId, 'read'));
      expect((await store.getMessage(queued.id))!.status).toBe('read');
    });

    it('accepts a send once, and keeps a status that arrived before the send was answered', async () => {
      const enqueue = () =>
        store.transaction(async (tx) => {
          const now = Date.now();
          const { message } = await tx.enqueueOutbound({
            conversationId,
            type: 'text',
            content: { body: 'Your documents are complete' },
            body: { type: 'text', text: { body: 'Your documents are complete' } },
            clientMessageId: null,
            sentBy: 'api',
            replyTo: null,
            now,
          });
          await tx.leaseOutbox(message.id, now + 60_000, now);
          return message;
        });
      const accept = (messageId: string, providerMessageId: string) =>
        store.transaction((tx) => tx.outboxAccepted(messageId, providerMessageId, Date.now()));

      const plain = await enqueue();
      const plainId = wamid();
      await accept(plain.id, plainId);
      expect(await store.getMessage(plain.id)).toMatchObject({
        status: 'accepted',
        providerMessageId: plainId,
      });
      const head = await store.headSeq();
      await accept(plain.id, plainId);
      expect(await store.headSeq()).toBe(head); // a repeated answer changes nothing

      // The provider's webhook can commit before the send's answer does.
      const raced = await enqueue();
      const racedId = wamid();
      await deliver(statusUpdate(racedId, 'delivered'));
      await accept(raced.id, racedId);
      expect(await store.getMessage(raced.id)).toMatchObject({
        status: 'delivered',
        providerMessageId: racedId,
      });
      const statuses = (await store.getTimeline(raced.id)).map((t) => t.status);
      expect(statuses).toContain('delivered');
      expect(statuses).not.toContain('accepted'); // delivered outranks it: never moved back
    });

    it('ends in the highest status for any order and any duplicates (property)', async () => {
      const all: InboundStatusValue[] = ['sent', 'delivered', 'read', 'played', 'failed'];
      await fc.assert(
        fc.asyncProperty(
          fc.subarray(all, { minLength: 1 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          async (statuses, picks, messageFirst) => {
            const id = wamid();
            // Every chosen status at least once, plus duplicates, in a random order.
            const sequence = [...statuses, ...picks.map((p) => statuses[p % statuses.length]!)];
            const shuffled = fc.sample(fc.shuffledSubarray(sequence, { minLength: sequence.length }), 1)[0]!;
            let message = messageFirst ? await send(id) : null;
            for (const s of shuffled) await deliver(statusUpdate(id, s));
            message ??= await send(id);
            const highest = statuses.reduce((a, b) => (statusRank[b] > statusRank[a] ? b : a));
            expect((await store.getMessage(message.id))!.status).toBe(highest);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
