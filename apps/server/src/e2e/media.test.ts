import { createHash, randomBytes } from 'node:crypto';
import type { MediaStore, StoredMedia } from '@switchboard/emulator';
import type { Message } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  apiKey,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

/**
 * The emulator's media store, able to serve corrupted bytes (one byte flipped) for chosen ids
 * while it still announces the true digest: the download the worker must refuse.
 */
class CorruptibleMediaStore implements MediaStore {
  private readonly items = new Map<string, StoredMedia>();
  private readonly corrupted = new Set<string>();
  corruptNextPuts = false;

  put(input: Parameters<MediaStore['put']>[0]): StoredMedia {
    const id = String(1_000_000_000_000_000 + this.items.size * 7919 + Math.floor(Math.random() * 1000));
    const stored: StoredMedia = {
      id,
      phoneNumberId: input.phoneNumberId,
      mimeType: input.mimeType,
      sha256: hex(input.bytes),
      fileSize: input.bytes.length,
      filename: input.filename,
      bytes: input.bytes,
      createdAt: Date.now(),
    };
    this.items.set(id, stored);
    if (this.corruptNextPuts) this.corrupted.add(id);
    return stored;
  }
  /** What the emulator holds, uncorrupted. */
  original(id: string): StoredMedia | undefined {
    return this.items.get(id);
  }
  get(id: string): StoredMedia | undefined {
    const stored = this.items.get(id);
    if (!stored || !this.corrupted.has(id)) return stored;
    const bytes = Buffer.from(stored.bytes);
    bytes[0] = bytes[0]! ^ 0xff;
    return { ...stored, bytes };
  }
  delete(id: string): boolean {
    return this.items.delete(id);
  }
}

// A PNG signature and some bytes: the emulator checks types, not pixels.
const png = (size: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(size - 8)]);
const hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

for (const kind of storeKinds) {
  describe(`media (${kind})`, () => {
    let h: ServerWithEmulator;
    let media: CorruptibleMediaStore;
    let nextCustomer = 0;

    beforeAll(async () => {
      media = new CorruptibleMediaStore();
      h = await startServerWithEmulator(kind, {
        emulator: { mediaStore: media },
        outbox: { pollMs: 50, backoffBaseMs: 20, backoffCapMs: 200 },
        media: { pollMs: 50, backoffBaseMs: 10, backoffCapMs: 40, maxAttempts: 3 },
      });
    });
    afterAll(() => h.close());

    async function customer(): Promise<{ waId: string; conversationId: string }> {
      const waId = `49155000000${String(++nextCustomer).padStart(2, '0')}`;
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      await h.settle();
      return { waId, conversationId: (await h.conversationOf(waId)).id };
    }

    async function upload(bytes: Buffer, mimeType: string, filename: string, token = apiKey) {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: mimeType }), filename);
      const response = await fetch(`${h.serverUrl}/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: response.status, json: (await response.json()) as any };
    }

    async function token(claims: {
      sub: string;
      conversations?: string[];
      refs?: string[];
    }): Promise<string> {
      const response = await fetch(`${h.serverUrl}/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(claims),
      });
      return ((await response.json()) as { token: string }).token;
    }

    const get = (id: string, credential = apiKey, headers: Record<string, string> = {}) =>
      fetch(`${h.serverUrl}/v1/media/${id}`, {
        headers: { authorization: `Bearer ${credential}`, ...headers },
      });

    /** Runs the download worker until the message's media leaves `pending` (retries wait a little). */
    async function settledMedia(messageId: string): Promise<Message> {
      for (let i = 0; i < 100; i++) {
        await h.server.media.settle();
        const message = await h.message(messageId);
        if (message.media?.status !== 'pending') return message;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`media of ${messageId} stayed pending`);
    }

    it('uploads, sends, and the customer receives the same bytes; the provider upload is reused', async () => {
      const { waId, conversationId } = await customer();
      const bytes = png(300_000);
      const up = await upload(bytes, 'image/png', 'plan.png');
      expect(up.status).toBe(200);
      expect(up.json).toEqual({
        id: expect.stringMatching(/^med_/),
        mimeType: 'image/png',
        size: bytes.length,
        sha256: hex(bytes),
        filename: 'plan.png',
      });

      const ids: string[] = [];
      for (const caption of ['one', 'two']) {
        const response = await fetch(`${h.serverUrl}/v1/conversations/${conversationId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'image', media: { id: up.json.id, caption } }),
        });
        expect(response.status).toBe(202);
        ids.push(((await response.json()) as { message: Message }).message.id);
      }
      await h.server.outbox.settle();
      for (const id of ids) expect((await h.message(id)).status).toBe('accepted');

      const received = h.emulator.received(waId).map((item) => item.message as { image: { id: string } });
      expect(received).toHaveLength(2);
      const providerIds = received.map((m) => m.image.id);
      expect(providerIds[1]).toBe(providerIds[0]);
      expect(media.original(providerIds[0]!)!.bytes.equals(bytes)).toBe(true);

      // An agent who sees the conversation may now fetch what was sent in it.
      const agent = await token({ sub: 'agent-in-scope', conversations: [conversationId] });
      expect((await get(up.json.id, agent)).status).toBe(200);
    });

    it('refuses unsupported types (415) and files over their kind limit (413)', async () => {
      const html = await upload(Buffer.from('<html></html>'), 'text/html', 'x.html');
      expect(html.status).toBe(415);
      expect(html.json.error.code).toBe('unsupported_media_type');
      const big = await upload(png(5 * 1024 * 1024 + 1), 'image/jpeg', 'big.jpg');
      expect(big.status).toBe(413);
      expect(big.json.error).toMatchObject({
        code: 'media_too_large',
        details: { kind: 'image', maxBytes: 5 * 1024 * 1024 },
      });
      // The same size is fine as a document.
      expect((await upload(png(5 * 1024 * 1024 + 1), 'application/pdf', 'big.pdf')).status).toBe(200);
    });

    it('serves uploads to the API key and the uploading agent only', async () => {
      const alice = await token({ sub: 'alice', refs: ['CASE-1'] });
      const bob = await token({ sub: 'bob', refs: ['CASE-1'] });
      const up = await upload(png(1000), 'image/png', 'a.png', alice);
      expect(up.status).toBe(200);
      expect((await get(up.json.id, alice)).status).toBe(200);
      expect((await get(up.json.id)).status).toBe(200);
      expect((await get(up.json.id, bob)).status).toBe(404);
    });

    it('downloads an inbound image, checks its sha256, serves it in scope and 404s out of scope', async () => {
      const { waId, conversationId } = await customer();
      const bytes = png(50_000);
      const { id: wamid } = h.emulator.customerSends(waId, {
        type: 'image',
        image: { caption: 'Schaden' },
        file: { base64: bytes.toString('base64'), mimeType: 'image/jpeg' },
      } as never);
      await h.settle();
      const pending = await h.messageByWamid(waId, wamid);
      expect(pending.media?.status).toBe('pending');
      const mediaId = pending.media!.id;

      const message = await settledMedia(pending.id);
      expect(message.media).toMatchObject({
        id: mediaId,
        status: 'ready',
        size: bytes.length,
        sha256: hex(bytes),
      });
      const events = await h.api<{ events: { type: string; data: Message }[] }>(
        `/v1/events?after=0&conversationId=${conversationId}&limit=200`,
      );
      expect(
        events.events.some(
          (e) => e.type === 'message.updated' && e.data.id === pending.id && e.data.media?.status === 'ready',
        ),
      ).toBe(true);

      const inScope = await token({ sub: 'agent-a', conversations: [conversationId] });
      const outOfScope = await token({ sub: 'agent-b', conversations: ['conv_other'] });
      const full = await get(mediaId, inScope);
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe('image/jpeg');
      expect(full.headers.get('content-length')).toBe(String(bytes.length));
      expect(full.headers.get('accept-ranges')).toBe('bytes');
      expect(full.headers.get('x-content-type-options')).toBe('nosniff');
      // Image webhooks carry no filename: the id and the type's extension stand in.
      expect(full.headers.get('content-disposition')).toBe(
        `attachment; filename="${mediaId}.jpg"; filename*=UTF-8''${mediaId}.jpg`,
      );
      expect(Buffer.from(await full.arrayBuffer()).equals(bytes)).toBe(true);

      const part = await get(mediaId, inScope, { range: 'bytes=10-19' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
      const tail = await get(mediaId, inScope, { range: 'bytes=-5' });
      expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-5))).toBe(true);
      const beyond = await get(mediaId, inScope, { range: `bytes=${bytes.length}-` });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

      const refused = await get(mediaId, outOfScope);
      expect(refused.status).toBe(404);
      expect((await get('med_does_not_exist', inScope)).status).toBe(404);
    });

    it('names a document by its own filename, made safe for the header', async () => {
      const { waId } = await customer();
      const { id: wamid } = h.emulator.customerSends(waId, {
        type: 'document',
        document: { filename: '../Schaden Küche "1".pdf' },
        file: { base64: Buffer.from('%PDF-1.4 test').toString('base64'), mimeType: 'application/pdf' },
      } as never);
      await h.settle();
      const message = await settledMedia((await h.messageByWamid(waId, wamid)).id);
      expect(message.media?.status).toBe('ready');
      const response = await get(message.media!.id);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename=".._Schaden K_che _1_.pdf"; filename*=UTF-8''.._Schaden%20K%C3%BCche%20%221%22.pdf`,
      );
    });

    it('retries a corrupted download (wrong sha256) and finally marks the media failed', async () => {
      const { waId, conversationId } = await customer();
      media.corruptNextPuts = true;
      try {
        const { id: wamid } = h.emulator.customerSends(waId, {
          type: 'image',
          file: { base64: png(2000).toString('base64'), mimeType: 'image/png' },
        } as never);
        await h.settle();
        const pending = await h.messageByWamid(waId, wamid);
        const message = await settledMedia(pending.id);
        expect(message.media?.status).toBe('failed');
        const job = await h.server.store.media.downloadOf(message.media!.id);
        expect(job).toMatchObject({ state: 'failed', attempts: 3 });
        expect(job!.lastError).toMatch(/sha256 mismatch/);
        const events = await h.api<{ events: { type: string; data: Message }[] }>(
          `/v1/events?after=0&conversationId=${conversationId}&limit=200`,
        );
        expect(
          events.events.filter((e) => e.type === 'message.updated' && e.data.media?.status === 'failed'),
        ).toHaveLength(1);
        const answer = await get(message.media!.id);
        expect(answer.status).toBe(409);
      } finally {
        media.corruptNextPuts = false;
      }
    });
  });
}
