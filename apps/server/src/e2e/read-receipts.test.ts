import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKey,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

/** SWITCHBOARD_READ_RECEIPTS: an agent seeing a message is not the customer's blue ticks. */
for (const policy of ['on-reply', 'never'] as const) {
  describe(`read receipts: ${policy}`, () => {
    let h: ServerWithEmulator;
    beforeAll(async () => {
      h = await startServerWithEmulator('sqlite', {
        env: { SWITCHBOARD_READ_RECEIPTS: policy },
        outbox: { pollMs: 20 },
      });
    });
    afterAll(() => h.close());

    const post = (path: string, body: unknown) =>
      fetch(`${h.serverUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const readByBusiness = (waId: string) =>
      h.emulator
        .thread(waId)
        .items.filter((item) => item.direction === 'in')
        .map((item) => item.readByBusiness);

    it('reads locally without telling WhatsApp; a reply tells it only under on-reply', async () => {
      const waId = '4915300000777';
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo?' } });
      await h.settle();
      const conversation = await h.conversationOf(waId);
      expect(conversation.unreadCount).toBe(1);

      const read = await post(`/v1/conversations/${conversation.id}/read`, {});
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ conversation: { unreadCount: 0 }, providerNotified: false });
      expect(readByBusiness(waId)).toEqual([false]);

      const sent = await post(`/v1/conversations/${conversation.id}/messages`, {
        type: 'text',
        text: { body: 'Ja, hier!' },
      });
      expect(sent.status).toBe(202);
      await h.untilEmulator(() => (h.emulator.received(waId).length === 1 ? true : undefined));
      if (policy === 'on-reply') {
        await h.untilEmulator(() => (readByBusiness(waId)[0] ? true : undefined));
        expect(readByBusiness(waId)).toEqual([true]);
      } else {
        // The reply went out; give a wrong read receipt every chance to arrive before looking.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(readByBusiness(waId)).toEqual([false]);
      }
    });
  });
}
