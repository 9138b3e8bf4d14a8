import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, textMessage } from '../../test-support/inbound-fixtures.js';
import type { Channel, Store } from '../store.js';

export function eventLogContract(
  makeStore: () => Promise<Store>,
  makeTwoHandles: () => Promise<[Store, Store]>,
): void {
  describe('event log', () => {
    let store: Store;
    let channel: Channel;
    beforeAll(async () => {
      store = await makeStore();
      channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '4004', name: 'Events' });
    });
    afterAll(() => store.close());

    const ingest = (s: Store, ch: Channel, from: string, body: string) =>
      s.transaction((tx) =>
        tx.applyInbound(
          ch,
          change({ phoneNumberId: ch.phoneNumberId, messages: [textMessage(from, body)] }),
          Date.now(),
        ),
      );

    it('appends nothing when the transaction rolls back, and tells listeners after commit', async () => {
      const heard: number[] = [];
      const stop = store.onCommit((seq) => heard.push(seq));
      const head = await store.headSeq();
      await expect(
        store.transaction(async (tx) => {
          await tx.applyInbound(
            channel,
            change({ phoneNumberId: '4004', messages: [textMessage('4911', 'x')] }),
            1,
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.headSeq()).toBe(head);
      expect(await store.listConversations({ limit: 10 })).toMatchObject({ data: [] });
      await ingest(store, channel, '4911', 'y');
      stop();
      await ingest(store, channel, '4911', 'z');
      expect(heard).toEqual([head + 3]);
    });

    it('reads after a cursor, with a limit, by conversation and by ref', async () => {
      await ingest(store, channel, '4922', 'other customer');
      const all = await store.readEvents({ after: 0, limit: 1000 });
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
      const page = await store.readEvents({ after: 2, limit: 2 });
      expect(page.map((e) => e.seq)).toEqual([3, 4]);
      const conversations = (await store.listConversations({ limit: 10 })).data;
      const target = conversations.find((c) => c.contact.waId === '4922')!;
      const mine = await store.readEvents({ after: 0, limit: 100, conversationId: target.id });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((e) => e.conversationId === target.id)).toBe(true);
      await store.transaction((tx) => tx.updateConversation(target.id, { refs: ['CASE-9'] }, Date.now()));
      const byRef = await store.readEvents({ after: 0, limit: 100, ref: 'CASE-9' });
      expect(byRef.map((e) => e.seq)).toEqual([...mine.map((e) => e.seq), await store.headSeq()]);
      expect(await store.prunedBefore()).toBe(0);
    });

    it('never lets a reader pass a seq that commits later, with concurrent writers on two handles', async () => {
      const [a, b] = await makeTwoHandles();
      try {
        const channelA = await a.ensureChannel({ provider: 'meta', phoneNumberId: '5005', name: 'A' });
        const channelB = await b.ensureChannel({ provider: 'meta', phoneNumberId: '5005', name: 'A' });
        let writing = true;
        const writers = Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 15; i++) {
            const s = w % 2 === 0 ? a : b;
            await ingest(s, w % 2 === 0 ? channelA : channelB, `49300${w}${i % 3}`, `w${w} m${i}`);
          }
        });
        const seen: number[] = [];
        const reader = (async () => {
          let cursor = 0;
          while (writing) {
            // SQLite's driver answers within microtasks; yield so commits can finish their I/O.
            await new Promise((resolve) => setImmediate(resolve));
            const events = await b.readEvents({ after: cursor, limit: 1000 });
            for (const e of events) seen.push(e.seq);
            cursor = events.at(-1)?.seq ?? cursor;
          }
          for (;;) {
            const events = await b.readEvents({ after: cursor, limit: 1000 });
            if (events.length === 0) break;
            for (const e of events) seen.push(e.seq);
            cursor = events.at(-1)!.seq;
          }
        })();
        await Promise.all(writers);
        writing = false;
        await reader;
        const head = await a.headSeq();
        expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
