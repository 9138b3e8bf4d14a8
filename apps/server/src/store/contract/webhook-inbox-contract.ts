import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendedWebhook, Store } from '../store.js';

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
      // Counted as backlog only while it has failed fewer times than asked.
      expect(await store.countWebhooks('pending')).toBe(1);
      expect(await store.countWebhooks('pending', { attemptsBelow: 2 })).toBe(1);
      expect(await store.countWebhooks('pending', { attemptsBelow: 1 })).toBe(0);
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
      const ids = [...first, ...second, ...third].map(idOf);
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

    it('refuses bodies that are not JSON only when asked to, and stores the rest of the batch', async () => {
      const now = Date.now() + 20_000_000;
      const bodies = ['{"ok":1}', '{"object":', '[1,2]', 'not json', '"\u00fc"', ''].map((b) =>
        Buffer.from(b),
      );
      const results = await store.appendWebhooks(
        bodies.map((body) => ({ provider: 'meta', body, receivedAt: now, status: 'pending' })),
        { requireJson: true },
      );
      expect(results.map((r) => ('id' in r ? 'stored' : 'refused'))).toEqual([
        'stored',
        'refused',
        'stored',
        'refused',
        'stored',
        'refused',
      ]);
      expect((results[1] as { invalidJson: string }).invalidJson).toMatch(/JSON/);
      const due = (await store.dueWebhooks(now + 1, 1000)).filter((w) => w.receivedAt === now);
      expect(due.map((w) => w.body.toString())).toEqual(['{"ok":1}', '[1,2]', '"\u00fc"']);
      // Without the option every body is stored as it came.
      const [raw] = await store.appendWebhooks([
        { provider: 'meta', body: bodies[3]!, receivedAt: now, status: 'pending' },
      ]);
      expect((await store.getWebhook(idOf(raw!)))?.body.toString()).toBe('not json');
      const mine = (await store.dueWebhooks(now + 1, 1000)).filter((w) => w.receivedAt === now);
      await store.transaction(async (tx) => {
        for (const w of mine) await tx.markWebhook(w.id, { status: 'processed', at: now, notes: null });
      });
    });
  });
}

function idOf(result: AppendedWebhook): string {
  if (!('id' in result)) throw new Error(`not stored: ${result.invalidJson}`);
  return result.id;
}
