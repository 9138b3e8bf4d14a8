import type { Message } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  apiKey,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

// Every send type through the public API and the outbox, checked where the customer sees it: the
// emulator's copy of what WhatsApp delivered.
for (const kind of storeKinds) {
  describe(`each message type, sent through /v1 and received by the customer (${kind})`, () => {
    let h: ServerWithEmulator;
    const waId = '4915500000001';
    let conversationId = '';
    let customerMessage: Message;

    beforeAll(async () => {
      h = await startServerWithEmulator(kind, { outbox: { pollMs: 50 } });
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Ich hätte eine Frage' } });
      await h.settle();
      conversationId = (await h.conversationOf(waId)).id;
      customerMessage = (await h.messagesOf(waId))[0]!;
      expect((await call('POST', '/v1/templates/sync', {})).status).toBe(200);
    });
    afterAll(() => h.close());

    async function call(method: string, path: string, body?: unknown, init: RequestInit = {}) {
      const response = await fetch(`${h.serverUrl}${path}`, {
        method,
        ...init,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(init.headers as Record<string, string> | undefined),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as any };
    }

    /** Sends through the API, waits for the outbox, and returns the customer's copy. */
    async function delivered(body: Record<string, unknown>) {
      const r = await call('POST', `/v1/conversations/${conversationId}/messages`, body);
      expect(r.status, JSON.stringify(r.json)).toBe(202);
      await h.server.outbox.settle();
      await h.settle();
      const message = await h.message(r.json.message.id);
      expect(message.status, JSON.stringify(message.error)).toBe('accepted');
      const item = h.emulator.received(waId).find((i) => i.id === message.providerMessageId);
      // A reaction is not a message of its own on the phone: it shows on the message it reacts to.
      if (body.type !== 'reaction') expect(item).toBeDefined();
      return { message, item: item! };
    }

    it('text, with a link preview and as a reply', async () => {
      const { message, item } = await delivered({
        type: 'text',
        text: { body: 'Gern: https://bank.example/faq', previewUrl: true },
        replyTo: customerMessage.id,
      });
      expect(item.message).toMatchObject({
        text: { body: 'Gern: https://bank.example/faq', preview_url: true },
      });
      expect(item.replyTo).toBe(customerMessage.providerMessageId);
      // The event that announced the message already carried the quote.
      const events = (await call('GET', '/v1/events?after=0&limit=1000')).json.events as {
        type: string;
        data: { id: string; replyTo?: string };
      }[];
      const created = events.find((e) => e.type === 'message.created' && e.data.id === message.id);
      expect(created?.data.replyTo).toBe(customerMessage.id);
      expect(message).toMatchObject({
        type: 'text',
        replyTo: customerMessage.id,
        content: { body: 'Gern: https://bank.example/faq' },
      });
    });

    it('image, video, audio, document and sticker by URL', async () => {
      const cases = [
        { type: 'image', media: { url: 'https://cdn.example.com/haus.jpg', caption: 'Das Objekt' } },
        { type: 'video', media: { url: 'https://cdn.example.com/tour.mp4', caption: 'Rundgang' } },
        { type: 'audio', media: { url: 'https://cdn.example.com/gruss.mp3' } },
        {
          type: 'document',
          media: {
            url: 'https://cdn.example.com/vertrag.pdf',
            caption: 'Ihr Vertrag',
            filename: 'Vertrag.pdf',
          },
        },
        { type: 'sticker', media: { url: 'https://cdn.example.com/daumen.webp' } },
      ] as const;
      for (const body of cases) {
        const { item } = await delivered(body);
        const sent = (item.message as Record<string, Record<string, unknown>>)[body.type]!;
        expect(item.type).toBe(body.type);
        expect(sent.link).toBe(body.media.url);
        if ('caption' in body.media) expect(sent.caption).toBe(body.media.caption);
        if ('filename' in body.media) expect(sent.filename).toBe(body.media.filename);
      }
    });

    it('an image uploaded to /v1/media: the customer gets the same bytes', async () => {
      const bytes = Buffer.from(
        'ffd8ffe000104a46494600010100000100010000ffdb004300' + '08'.repeat(64) + 'ffd9',
        'hex',
      );
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'grundriss.jpg');
      const upload = await fetch(`${h.serverUrl}/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        body: form,
      });
      expect(upload.status).toBe(200);
      const media = (await upload.json()) as { id: string };
      const { item, message } = await delivered({
        type: 'image',
        media: { id: media.id, caption: 'Grundriss' },
      });
      expect(message.media).toMatchObject({
        id: media.id,
        mimeType: 'image/jpeg',
        size: bytes.length,
        status: 'ready',
      });
      const providerId = (item.message as { image: { id: string } }).image.id;
      const info = (await h.graph('GET', `/${providerId}`)).json as { url: string };
      const download = await fetch(info.url, {
        headers: { authorization: 'Bearer e2e-access-token-0123456789' },
      });
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('refuses to send media the sending agent could not download (404)', async () => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([Buffer.from('%PDF-1.4 geheim')], { type: 'application/pdf' }),
        'geheim.pdf',
      );
      const upload = await fetch(`${h.serverUrl}/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        body: form,
      });
      const media = (await upload.json()) as { id: string };
      const token = (await call('POST', '/v1/tokens', { sub: 'agent-7', conversations: [conversationId] }))
        .json.token as string;
      const asAgent = await fetch(`${h.serverUrl}/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'document', media: { id: media.id, filename: 'x.pdf' } }),
      });
      expect(asAgent.status).toBe(404);
      expect(((await asAgent.json()) as { error: { code: string } }).error.code).toBe('not_found');
    });

    it('location and contacts', async () => {
      const location = {
        latitude: 52.52,
        longitude: 13.405,
        name: 'Filiale Mitte',
        address: 'Unter den Linden 1',
      };
      expect((await delivered({ type: 'location', location })).item.message).toMatchObject({ location });
      const contacts = [
        {
          name: { formatted_name: 'Petra Berater', first_name: 'Petra' },
          phones: [{ phone: '+4930123456', type: 'WORK' }],
        },
      ];
      expect((await delivered({ type: 'contacts', contacts })).item.message).toMatchObject({ contacts });
    });

    it('interactive buttons, list and CTA URL', async () => {
      const buttons = {
        type: 'button',
        body: { text: 'Passt Ihnen Dienstag?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'ja', title: 'Ja' } },
            { type: 'reply', reply: { id: 'nein', title: 'Nein' } },
          ],
        },
      };
      const list = {
        type: 'list',
        body: { text: 'Wählen Sie einen Termin' },
        action: {
          button: 'Termine',
          sections: [
            {
              title: 'Diese Woche',
              rows: [
                { id: 'di', title: 'Dienstag 10:00' },
                { id: 'mi', title: 'Mittwoch 14:00' },
              ],
            },
          ],
        },
      };
      const cta = {
        type: 'cta_url',
        body: { text: 'Laden Sie die Unterlagen hoch' },
        action: {
          name: 'cta_url',
          parameters: { display_text: 'Hochladen', url: 'https://bank.example/upload' },
        },
      };
      for (const interactive of [buttons, list, cta]) {
        const { item } = await delivered({ type: 'interactive', interactive });
        expect(item.message).toMatchObject({ interactive });
      }
    });

    it('a synced template', async () => {
      const { item } = await delivered({
        type: 'template',
        template: { name: 'hello_world', language: { code: 'en_US' } },
      });
      expect(item.message).toMatchObject({ template: { name: 'hello_world', language: { code: 'en_US' } } });
    });

    it('a reaction to the customer’s message, and its removal', async () => {
      await delivered({ type: 'reaction', reaction: { messageId: customerMessage.id, emoji: '👍' } });
      const customerSide = () =>
        h.emulator.thread(waId).items.find((i) => i.id === customerMessage.providerMessageId)!.reactions ??
        [];
      expect(customerSide().map((r) => r.emoji)).toContain('👍');
      await delivered({ type: 'reaction', reaction: { messageId: customerMessage.id, emoji: '' } });
      expect(customerSide().map((r) => r.emoji)).not.toContain('👍');
    });
  });
}
