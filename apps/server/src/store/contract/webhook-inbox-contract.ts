import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';

export function webhookInboxContract(makeStore: () => Promise<Store>): void {
  describe('webhook inbox', () => {
    let store: Store;
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(() => store.close());

    it('keeps raw bodies byte for byte and tracks their processing', async () => {
      const body = Buffer.from('{"text":"Gr\\u00fc\\u00dfe \\ud83d\\ude00"}\u0000\xff', 'latin1');
      const now = Date.now();
      const [pendingId, doneId] = await store.transaction(async (tx) => [
        await tx.insertWebhook({ provider: 'meta', body, receivedAt: now, status: 'pending' }),
        await tx.insertWebhook({
          provider: 'meta',
          body,
          receivedAt: now,
          status: 'processed',
          notes: { problems: ['p'] },
        }),
      ]);
      expect((await store.getWebhook(pendingId))!.body.equals(body)).toBe(true);
      expect((await store.getWebhook(doneId))!.notes).toEqual({ problems: ['p'] });
      expect((await store.dueWebhooks(now, 10)).map((w) => w.id)).toEqual([pendingId]);
      await store.transaction((tx) =>
        tx.markWebhook(pendingId, { status: 'pending', error: 'db down', retryAt: now + 1000 }),
      );
      expect(await store.dueWebhooks(now, 10)).toEqual([]);
      const retried = (await store.dueWebhooks(now + 1000, 10))[0]!;
      expect(retried).toMatchObject({ attempts: 1, lastError: 'db down' });
      await store.transaction((tx) =>
        tx.markWebhook(pendingId, { status: 'unroutable', at: now + 2000, notes: { unroutable: ['999'] } }),
      );
      expect(await store.countWebhooks('unroutable')).toBe(1);
      expect(await store.countWebhooks('pending')).toBe(0);
      expect((await store.listWebhooks({ status: 'unroutable', limit: 10 }))[0]).toMatchObject({
        id: pendingId,
        attempts: 2,
        notes: { unroutable: ['999'] },
      });
    });

    it('appends raw webhooks durably in order, while other transactions write', async () => {
      const now = Date.now() + 10_000_000;
      const bodies = Array.from({ length: 300 }, (_, i) =>
        Buffer.concat([Buffer.from(`{"n":${i}}`), Buffer.from([0, 0xff, i % 256])]),
      );
      // Appends race a transaction on the store's own connection: neither may fail nor lose rows.
      const [first, , second, third] = await Promise.all([
        store.appendWebhooks(
          bodies
            .slice(0, 137)
            .map((body) => ({ provider: 'meta', body, receivedAt: now, status: 'pending' })),
        ),
        store.transaction((tx) =>
          tx.insertWebhook({ provider: 'meta', body: bodies[0]!, receivedAt: 1, status: 'processed' }),
        ),
        store.appendWebhooks(
          bodies
            .slice(137, 299)
            .map((body) => ({ provider: 'meta', body, receivedAt: now, status: 'pending' })),
        ),
        store.appendWebhooks([
          { provider: 'other', body: bodies[299]!, receivedAt: now + 1, status: 'pending' },
        ]),
      ]);
      const ids = [...first, ...second, ...third];
      expect(new Set(ids).size).toBe(300);
      for (const [i, id] of ids.entries()) {
        const stored = (await store.getWebhook(id))!;
        expect(stored.body.equals(bodies[i]!)).toBe(true);
        expect(stored).toMatchObject({
          status: 'pending',
          attempts: 0,
          receivedAt: i === 299 ? now + 1 : now,
        });
      }
      expect(await store.appendWebhooks([])).toEqual([]);
      // Arrival order is due order: the worker applies a backlog in the order it came in.
      const due = await store.dueWebhooks(now + 1, 1000);
      expect(due.filter((w) => w.receivedAt >= now).map((w) => w.id)).toEqual(ids);
      await store.transaction(async (tx) => {
        for (const id of ids) await tx.markWebhook(id, { status: 'processed', at: now, notes: null });
      });
    });
  });
}
