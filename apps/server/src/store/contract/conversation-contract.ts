import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, textMessage } from '../../test-support/inbound-fixtures.js';
import type { Channel, Store } from '../store.js';

export function conversationContract(makeStore: () => Promise<Store>): void {
  describe('conversations and message pages', () => {
    let store: Store;
    let channel: Channel;
    const base = Date.now() - 60_000;
    beforeAll(async () => {
      store = await makeStore();
      channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '3003', name: 'Branch' });
      // Five customers, one message each, one second apart; customer 0 also sends 30 more.
      for (let i = 0; i < 5; i++) {
        const m = textMessage(`49170000000${i}`, `hello ${i}`, { timestamp: base + i * 1000 });
        await store.transaction((tx) =>
          tx.applyInbound(
            channel,
            change({
              phoneNumberId: '3003',
              contacts: [
                {
                  waId: `49170000000${i}`,
                  userId: null,
                  parentUserId: null,
                  username: null,
                  profileName: `Kunde ${i}`,
                },
              ],
              messages: [m],
            }),
            Date.now(),
          ),
        );
      }
      const many = Array.from({ length: 30 }, (_, k) =>
        textMessage('491700000000', `more ${k}`, { timestamp: base - 30_000 + k * 10 }),
      );
      await store.transaction((tx) =>
        tx.applyInbound(channel, change({ phoneNumberId: '3003', messages: many }), Date.now()),
      );
    });
    afterAll(() => store.close());

    it('lists the most recent first and pages with a cursor', async () => {
      const first = await store.listConversations({ limit: 2 });
      expect(first.data.map((c) => c.contact.profileName)).toEqual(['Kunde 4', 'Kunde 3']);
      const second = await store.listConversations({ limit: 2, cursor: first.nextCursor! });
      expect(second.data.map((c) => c.contact.profileName)).toEqual(['Kunde 2', 'Kunde 1']);
      const third = await store.listConversations({ limit: 2, cursor: second.nextCursor! });
      expect(third.data.map((c) => c.contact.profileName)).toEqual(['Kunde 0']);
      expect(third.nextCursor).toBeNull();
      await expect(store.listConversations({ limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
        code: 'invalid_cursor',
      });
    });

    it('sets refs and assignee, filters by ref and searches', async () => {
      const target = (await store.listConversations({ limit: 10, q: 'kunde 2' })).data;
      expect(target).toHaveLength(1);
      const head = await store.headSeq();
      const updated = await store.transaction((tx) =>
        tx.updateConversation(
          target[0]!.id,
          { refs: ['CASE-7', 'CASE-7', 'LOAN-1'], assignee: 'alice' },
          Date.now(),
        ),
      );
      expect(updated).toMatchObject({ refs: ['CASE-7', 'LOAN-1'], assignee: 'alice' });
      const events = await store.readEvents({ after: head, limit: 10 });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'conversation.updated', refs: ['CASE-7', 'LOAN-1'] });
      expect((await store.listConversations({ limit: 10, ref: 'CASE-7' })).data.map((c) => c.id)).toEqual([
        target[0]!.id,
      ]);
      expect((await store.listConversations({ limit: 10, q: 'loan-' })).data).toHaveLength(1);
      expect((await store.listConversations({ limit: 10, q: '%' })).data).toHaveLength(0);
      expect(
        await store.transaction((tx) => tx.updateConversation('nope', { refs: [] }, Date.now())),
      ).toBeNull();
      await store.transaction((tx) => tx.updateConversation(target[0]!.id, { refs: [] }, Date.now()));
      expect((await store.listConversations({ limit: 10, ref: 'CASE-7' })).data).toHaveLength(0);
    });

    it('changes only what a patch names: an assignee-only patch keeps the refs', async () => {
      const [target] = (await store.listConversations({ limit: 10, q: 'kunde 2' })).data;
      await store.transaction((tx) => tx.updateConversation(target!.id, { refs: ['CASE-8'] }, Date.now()));
      const updated = await store.transaction((tx) =>
        tx.updateConversation(target!.id, { assignee: 'bob' }, Date.now()),
      );
      expect(updated).toMatchObject({ refs: ['CASE-8'], assignee: 'bob' });
      expect(await store.getConversation(target!.id)).toMatchObject({ refs: ['CASE-8'], assignee: 'bob' });
      await store.transaction((tx) => tx.updateConversation(target!.id, { refs: [] }, Date.now()));
      await store.transaction((tx) => tx.updateConversation(target!.id, { assignee: null }, Date.now()));
      expect(await store.getConversation(target!.id)).toMatchObject({ refs: [], assignee: null });
    });

    it('pages messages oldest to newest, backwards and forwards', async () => {
      const conversation = (await store.listConversations({ limit: 10, q: 'kunde 0' })).data[0]!;
      const latest = await store.listMessages(conversation.id, { limit: 10 });
      expect(latest.data.map((m) => (m.content as { body?: unknown }).body)).toEqual([
        ...Array.from({ length: 9 }, (_, k) => `more ${21 + k}`),
        'hello 0',
      ]);
      const older = await store.listMessages(conversation.id, { limit: 10, before: latest.nextCursor! });
      expect(older.data.map((m) => (m.content as { body?: unknown }).body)).toEqual(
        Array.from({ length: 10 }, (_, k) => `more ${11 + k}`),
      );
      const oldest = await store.listMessages(conversation.id, { limit: 20, before: older.nextCursor! });
      expect(oldest.data).toHaveLength(11);
      expect(oldest.nextCursor).toBeNull();
      const forward = await store.listMessages(conversation.id, { limit: 5, after: oldest.data[0]!.id });
      expect(forward.data.map((m) => (m.content as { body?: unknown }).body)).toEqual([
        'more 1',
        'more 2',
        'more 3',
        'more 4',
        'more 5',
      ]);
      expect(forward.nextCursor).toBe(forward.data[4]!.id);
      await expect(
        store.listMessages(conversation.id, { limit: 5, after: 'msg_unknown' }),
      ).rejects.toMatchObject({
        code: 'invalid_cursor',
      });
    });
  });
}
