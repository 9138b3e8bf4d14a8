import { WebhookVerificationError, type CustomerMessageInput } from '@switchboard/emulator';
import type { Message } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  base64Sha256,
  businessMessages,
  cases,
  customer,
  plain,
  type Context,
} from './test-support/customer-message-cases.js';
import {
  business,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

// The server and the emulator talk only over loopback HTTP: signed webhooks from the emulator to
// `/webhooks/meta`, reads through the server's `/v1` API, sends through the emulator's Graph API.

for (const kind of storeKinds) {
  describe(`the server against the emulator, end to end (${kind})`, () => {
    let h: ServerWithEmulator;
    let ctx: Context;

    /**
     * The customer sends one message (a second of emulator time after the last); resolves with what
     * the server's API shows for it once the webhook was delivered and processed.
     */
    async function arrives(input: CustomerMessageInput): Promise<Message> {
      await h.advance(1000);
      const sent = h.emulator.customerSends(customer.waId, input);
      await h.settle();
      expect(h.emulator.webhook(sent.webhookId)).toMatchObject({
        state: 'delivered',
        attempts: [{ status: 200 }],
      });
      const stored = await h.messageByWamid(customer.waId, sent.id);
      // Read again by id: the same message (the download worker may have fetched its media meanwhile).
      const again = await h.message(stored.id);
      expect(again).toEqual(
        stored.media ? { ...stored, media: expect.any(Object), updatedAt: expect.any(String) } : stored,
      );
      expect((await h.timeline(stored.id)).map((t) => t.status)).toEqual(['received']);
      return stored;
    }

    /** The media id the server stored can be looked up and downloaded from the emulator, intact. */
    async function expectMediaFetchable(media: NonNullable<Message['media']>): Promise<void> {
      const info = await h.graph('GET', `/${media.providerMediaId}`);
      expect(info.status).toBe(200);
      const { url, mime_type, sha256 } = info.json as { url: string; mime_type: string; sha256: string };
      expect(mime_type).toBe(media.mimeType);
      // Webhooks carry base64 of the digest, `GET /{media-id}` hex.
      expect(sha256).toBe(Buffer.from(media.sha256!, 'base64').toString('hex'));
      const download = await fetch(url, { headers: { authorization: `Bearer ${business.accessToken}` } });
      expect(download.status).toBe(200);
      expect(base64Sha256(Buffer.from(await download.arrayBuffer()))).toBe(media.sha256);
    }

    beforeAll(async () => {
      h = await startServerWithEmulator(kind, { emulator: { customers: [customer] } });
      const first = await arrives({ type: 'text', text: { body: 'Hallo, ich habe eine Frage' } });
      const sent = {} as Context['sent'];
      for (const [name, spec] of Object.entries(businessMessages)) {
        sent[name as keyof Context['sent']] = await h.outboxSend(customer.waId, spec);
      }
      ctx = { first, sent };
    });
    afterAll(() => h.close());

    it('shows the customer and the conversation', async () => {
      const conversation = await h.conversationOf(customer.waId);
      expect(conversation.contact).toMatchObject({ waId: customer.waId, profileName: customer.name });
      expect(conversation.windowExpiresAt).not.toBeNull();
      expect(ctx.first).toMatchObject({
        ...plain,
        type: 'text',
        content: { body: 'Hallo, ich habe eine Frage' },
      });
    });

    for (const c of cases) {
      it(`stores ${c.name}`, async () => {
        const stored = await arrives(c.input(ctx));
        expect(stored).toMatchObject({ ...plain, ...c.expected(ctx) });
        if (stored.media) {
          // The download worker may already have fetched it.
          expect(stored.media).toMatchObject({
            providerMediaId: expect.any(String),
            status: expect.stringMatching(/^(pending|ready)$/),
          });
          await expectMediaFetchable(stored.media);
        }
      });
    }

    it('applies reactions (changed, then removed), an edit and a revoke to their target', async () => {
      const original = await arrives({ type: 'text', text: { body: 'Antrag eingereicht' } });
      const wamid = original.providerMessageId!;
      const reactions = async () => (await h.message(original.id)).reactions;

      const reaction = await arrives({ type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } });
      expect(reaction).toMatchObject({ type: 'reaction', content: { emoji: '👍' } });
      expect(await reactions()).toEqual([{ emoji: '👍', from: 'contact', at: expect.any(String) }]);

      await arrives({ type: 'reaction', reaction: { message_id: wamid, emoji: '❤️' } });
      expect(await reactions()).toEqual([{ emoji: '❤️', from: 'contact', at: expect.any(String) }]);

      const removal = await arrives({ type: 'reaction', reaction: { message_id: wamid } });
      expect(removal).toMatchObject({ type: 'reaction', content: { emoji: null } });
      expect(await reactions()).toEqual([]);

      const edit = await arrives({
        type: 'edit',
        edit: {
          original_message_id: wamid,
          message: { type: 'text', text: { body: 'Antrag eingereicht (v2)' } },
        },
      });
      expect(edit).toMatchObject({
        type: 'edit',
        content: { newType: 'text', newContent: { body: 'Antrag eingereicht (v2)' } },
      });
      const edited = await h.message(original.id);
      expect(edited).toMatchObject({
        type: 'text',
        content: { body: 'Antrag eingereicht (v2)' },
        originalContent: { body: 'Antrag eingereicht' },
        revokedAt: null,
      });
      expect(edited.editedAt).not.toBeNull();

      const revoke = await arrives({ type: 'revoke', revoke: { original_message_id: wamid } });
      expect(revoke).toMatchObject({ type: 'revoke', content: {} });
      expect((await h.message(original.id)).revokedAt).not.toBeNull();
    });

    it("applies the customer's reaction to one of our messages, and its removal", async () => {
      const target = ctx.sent.buttons;
      await arrives({ type: 'reaction', reaction: { message_id: target.wamid, emoji: '🙏' } });
      expect((await h.message(target.message.id)).reactions).toEqual([
        { emoji: '🙏', from: 'contact', at: expect.any(String) },
      ]);
      await arrives({ type: 'reaction', reaction: { message_id: target.wamid, emoji: '' } });
      expect((await h.message(target.message.id)).reactions).toEqual([]);
    });

    it('moved our messages through their statuses as the customer read them', async () => {
      for (const { message } of Object.values(ctx.sent)) {
        expect(await h.message(message.id)).toMatchObject({ direction: 'outbound', status: 'read' });
        expect((await h.timeline(message.id)).map((t) => t.status)).toEqual(['sent', 'delivered', 'read']);
      }
    });

    // Runs last: it checks every delivery the tests above caused.
    it('got a 200 for every delivery on the first attempt, and the server kept the exact bytes', async () => {
      const deliveries = h.emulator.webhooks();
      expect(deliveries.length).toBeGreaterThan(cases.length);
      for (const delivery of deliveries) {
        expect(delivery, delivery.id).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
      }
      const stored = await h.server.store.listWebhooks({ limit: 1000 });
      expect(stored.map((w) => w.body.toString('utf8')).sort()).toEqual(
        deliveries.map((d) => d.rawBody).sort(),
      );
      for (const webhook of stored) {
        expect(webhook, webhook.id).toMatchObject({ provider: 'meta', status: 'processed', notes: null });
      }
      expect(h.emulatorLog.filter((entry) => entry.level === 'warn')).toEqual([]);
    });
  });

  describe(`a misconfigured server against the emulator (${kind})`, () => {
    it('answers 401 to deliveries signed with another app secret, and stores nothing', async () => {
      const h = await startServerWithEmulator(kind, {
        serverAppSecret: 'not-the-emulator-app-secret',
        emulator: { webhookRetryScheduleMs: [1000, 2000] },
      });
      try {
        const sent = h.emulator.customerSends(customer.waId, { type: 'text', text: { body: 'Hallo?' } });
        await h.settle();
        expect(h.emulator.webhook(sent.webhookId)).toMatchObject({
          state: 'pending',
          attempts: [{ status: 401 }],
        });
        // The same bytes are retried on the schedule, refused each time, until Meta would give up.
        await h.advance(1000);
        await h.advance(2000);
        expect(h.emulator.webhook(sent.webhookId)).toMatchObject({
          state: 'failed',
          attempts: [{ status: 401 }, { status: 401 }, { status: 401 }],
        });
        expect(await h.api('/v1/conversations')).toEqual({ data: [], nextCursor: null });
        expect(await h.server.store.listWebhooks({ limit: 10 })).toEqual([]);
      } finally {
        await h.close();
      }
    });

    it('fails the verification handshake with another verify token, so the emulator refuses to start', async () => {
      await expect(
        startServerWithEmulator(kind, { emulatorVerifyToken: 'not-the-verify-token' }),
      ).rejects.toBeInstanceOf(WebhookVerificationError);
    });
  });
}
