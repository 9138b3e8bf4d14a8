import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, textMessage, wamid } from '../../test-support/inbound-fixtures.js';
import type { Channel, Store } from '../store.js';

export function inboundContract(makeStore: () => Promise<Store>): void {
  describe('inbound messages', () => {
    let store: Store;
    let channel: Channel;
    beforeAll(async () => {
      store = await makeStore();
      channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '1001', name: 'Sales' });
    });
    afterAll(() => store.close());

    async function ingest(...messages: ReturnType<typeof textMessage>[]) {
      return store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({
            phoneNumberId: '1001',
            contacts: [
              { waId: '4915100000001', userId: null, parentUserId: null, username: null, profileName: 'Ana' },
            ],
            messages,
          }),
          Date.now(),
        ),
      );
    }

    it('migrating twice and ensuring a channel twice change nothing', async () => {
      await store.migrate();
      const again = await store.ensureChannel({ provider: 'meta', phoneNumberId: '1001', name: 'Sales' });
      expect(again.id).toBe(channel.id);
      expect(await store.listChannels()).toHaveLength(1);
    });

    it('stores a message once, with its contact, conversation and events', async () => {
      const head = await store.headSeq();
      const m = textMessage('4915100000001', 'Grüße 😀');
      await ingest(m);
      await ingest(m);
      const { data } = await store.listConversations({ limit: 10 });
      expect(data).toHaveLength(1);
      const conversation = data[0]!;
      expect(conversation.contact).toMatchObject({ waId: '4915100000001', profileName: 'Ana' });
      expect(conversation.unreadCount).toBe(1);
      expect(conversation.windowExpiresAt).toBe(new Date(m.timestamp + 86_400_000).toISOString());
      const messages = await store.listMessages(conversation.id, { limit: 10 });
      expect(messages.data).toHaveLength(1);
      expect(messages.data[0]).toMatchObject({
        direction: 'inbound',
        type: 'text',
        content: { body: 'Grüße 😀' },
        providerMessageId: m.providerMessageId,
        status: 'received',
      });
      const events = await store.readEvents({ after: head, limit: 100 });
      expect(events.map((e) => e.type)).toEqual([
        'conversation.created',
        'message.created',
        'conversation.updated',
      ]);
      expect(events.map((e) => e.seq)).toEqual([head + 1, head + 2, head + 3]);
      expect(events[1]!.data).toMatchObject({ id: messages.data[0]!.id, content: { body: 'Grüße 😀' } });
      expect(await store.headSeq()).toBe(head + 3);
      const timeline = await store.getTimeline(messages.data[0]!.id);
      expect(timeline.map((t) => t.status)).toEqual(['received']);
    });

    it('resolves replies, keeps forwarded flags and referrals', async () => {
      const first = textMessage('4915100000002', 'first');
      await ingest(first);
      const reply = textMessage('4915100000002', 'reply', {
        context: { providerMessageId: first.providerMessageId, from: '4915100000002', referredProduct: null },
        frequentlyForwarded: true,
        forwarded: true,
      });
      await ingest(reply);
      const stored = (await store.listConversations({ limit: 10, q: '4915100000002' })).data[0]!;
      const [a, b] = (await store.listMessages(stored.id, { limit: 10 })).data;
      expect(b!.replyTo).toBe(a!.id);
      expect(b!.frequentlyForwarded).toBe(true);
      expect(b!.context?.providerMessageId).toBe(first.providerMessageId);
    });

    it('applies reactions, edits and revokes to their target, also when they arrive first', async () => {
      const target = textMessage('4915100000003', 'original', { timestamp: Date.now() - 5000 });
      const react = (emoji: string | null, at: number) =>
        textMessage('4915100000003', '', {
          type: 'reaction',
          content: { emoji },
          targetProviderMessageId: target.providerMessageId,
          timestamp: at,
        });
      const edit = textMessage('4915100000003', '', {
        type: 'edit',
        content: { newType: 'text', newContent: { body: 'edited' } },
        targetProviderMessageId: target.providerMessageId,
        timestamp: Date.now() - 1000,
      });
      // The later reaction (❤️) arrives before the earlier one (👍), both before the target.
      await ingest(react('❤️', Date.now() - 2000));
      await ingest(react('👍', Date.now() - 3000));
      await ingest(target);
      await ingest(edit);
      const conversation = (await store.listConversations({ limit: 10, q: '4915100000003' })).data[0]!;
      const messages = (await store.listMessages(conversation.id, { limit: 10 })).data;
      const stored = messages.find((m) => m.providerMessageId === target.providerMessageId)!;
      expect(stored.reactions).toEqual([expect.objectContaining({ emoji: '❤️', from: 'contact' })]);
      expect(stored.content).toEqual({ body: 'edited' });
      expect(stored.originalContent).toEqual({ body: 'original' });
      expect(stored.editedAt).not.toBeNull();
      // A second edit replaces the content again; what was first written stays.
      await ingest(
        textMessage('4915100000003', '', {
          type: 'edit',
          content: { newType: 'text', newContent: { body: 'edited again' } },
          targetProviderMessageId: target.providerMessageId,
          timestamp: Date.now() - 500,
        }),
      );
      const twice = (await store.listMessages(conversation.id, { limit: 10 })).data.find(
        (m) => m.id === stored.id,
      )!;
      expect(twice).toMatchObject({
        content: { body: 'edited again' },
        originalContent: { body: 'original' },
      });
      await ingest(react(null, Date.now()));
      const revoke = textMessage('4915100000003', '', {
        type: 'revoke',
        content: {},
        targetProviderMessageId: target.providerMessageId,
      });
      await ingest(revoke);
      const after = (await store.getMessage(stored.id))!;
      expect(after.reactions).toEqual([]);
      expect(after.revokedAt).not.toBeNull();
      expect(conversation.unreadCount).toBe(1); // effects are not unread messages
    });

    it('keeps the newest message as the list preview: reactions count, edits and late arrivals do not', async () => {
      const now = Date.now();
      const first = textMessage('4915100000004', 'Guten   Tag,\n  Frau Weber', { timestamp: now - 5000 });
      await ingest(first);
      const preview = async () =>
        (await store.listConversations({ limit: 10, q: '4915100000004' })).data[0]!.lastMessage;
      expect(await preview()).toMatchObject({
        type: 'text',
        direction: 'inbound',
        text: 'Guten Tag, Frau Weber',
      });
      const photo = textMessage('4915100000004', '', {
        type: 'image',
        content: { caption: null },
        timestamp: now - 4000,
      });
      await ingest(photo);
      expect(await preview()).toMatchObject({
        type: 'image',
        text: null,
        at: new Date(now - 4000).toISOString(),
      });
      await ingest(
        textMessage('4915100000004', '', {
          type: 'reaction',
          content: { emoji: '👍' },
          targetProviderMessageId: first.providerMessageId,
          timestamp: now - 3000,
        }),
      );
      expect(await preview()).toMatchObject({ type: 'reaction', text: '👍' });
      // A message that was sent earlier but arrives late does not take the preview's place.
      await ingest(textMessage('4915100000004', 'late', { timestamp: now - 10_000 }));
      await ingest(
        textMessage('4915100000004', '', {
          type: 'edit',
          content: { newType: 'text', newContent: { body: 'edited' } },
          targetProviderMessageId: first.providerMessageId,
          timestamp: now - 1000,
        }),
      );
      expect(await preview()).toMatchObject({ type: 'reaction', text: '👍' });
    });

    it('keeps the profile up to date and emits conversation.updated for it', async () => {
      const m = textMessage('4915100000001', 'new name');
      const head = await store.headSeq();
      await store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({
            phoneNumberId: '1001',
            contacts: [
              {
                waId: '4915100000001',
                userId: 'US.1',
                parentUserId: null,
                username: 'ana',
                profileName: 'Ana B',
              },
            ],
            messages: [m],
          }),
          Date.now(),
        ),
      );
      const events = await store.readEvents({ after: head, limit: 10 });
      expect(events[0]!.type).toBe('conversation.updated');
      expect(events[0]!.data).toMatchObject({
        contact: { profileName: 'Ana B', userId: 'US.1', username: 'ana' },
      });
    });

    it('identifies a username-only contact by its business-scoped user id', async () => {
      const m = textMessage('', 'no phone', { from: { waId: null, userId: 'US.42' } });
      await store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({
            phoneNumberId: '1001',
            contacts: [
              { waId: null, userId: 'US.42', parentUserId: null, username: 'zed', profileName: 'Zed' },
            ],
            messages: [m, { ...m, providerMessageId: wamid() }],
          }),
          Date.now(),
        ),
      );
      const found = (await store.listConversations({ limit: 10, q: 'zed' })).data;
      expect(found).toHaveLength(1);
      expect(found[0]!.contact).toMatchObject({ waId: null, userId: 'US.42' });
    });

    it('reports a message that names no sender instead of failing', async () => {
      const problems = await store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({
            phoneNumberId: '1001',
            messages: [textMessage('', 'x', { from: { waId: null, userId: null } })],
          }),
          Date.now(),
        ),
      );
      expect(problems).toHaveLength(1);
    });
  });
}
