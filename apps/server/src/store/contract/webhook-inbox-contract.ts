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
  });
}
