import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, textMessage } from '../../test-support/inbound-fixtures.js';
import type { Channel, Store } from '../store.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2026, 0, 1);

export function eventRetentionContract(makeStore: () => Promise<Store>): void {
  describe('event retention', () => {
    let store: Store;
    let channel: Channel;
    beforeAll(async () => {
      store = await makeStore();
      channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '6006', name: 'Retention' });
    });
    afterAll(() => store.close());

    // Each inbound text appends events stamped with the time it was received.
    const ingestAt = (from: string, at: number) =>
      store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({ phoneNumberId: channel.phoneNumberId, messages: [textMessage(from, `at ${at}`)] }),
          at,
        ),
      );

    it('prunes old events in batches, only a prefix of the log, and keeps prunedBefore exact', async () => {
      expect(await store.pruneEvents(t0 + 100 * day, 10)).toBe(0);
      expect(await store.prunedBefore()).toBe(0);

      for (let i = 0; i < 5; i++) await ingestAt(`4961${i}`, t0 + i * day);
      // An event with an old time behind a newer one (provider times need not follow seqs).
      await ingestAt('49619', t0 + 6 * day);
      await ingestAt('49618', t0);
      await ingestAt('49617', t0 + 7 * day);
      const all = await store.readEvents({ after: 0, limit: 1000 });
      const at = (e: { at: string }) => Date.parse(e.at);
      const head = await store.headSeq();
      expect(all.at(-1)?.seq).toBe(head);

      // Nothing older than the oldest event.
      expect(await store.pruneEvents(t0, 1000)).toBe(0);

      // Before day 3: the events of days 0..2, in batches of at most 2.
      const cutoff = t0 + 3 * day;
      const expected = all.findIndex((e) => at(e) >= cutoff);
      let deleted = 0;
      for (;;) {
        const n = await store.pruneEvents(cutoff, 2);
        expect(n).toBeLessThanOrEqual(2);
        if (n === 0) break;
        deleted += n;
      }
      expect(deleted).toBe(expected);
      const kept = await store.readEvents({ after: 0, limit: 1000 });
      expect(kept.map((e) => e.seq)).toEqual(all.slice(expected).map((e) => e.seq));
      expect(await store.prunedBefore()).toBe(all[expected]!.seq - 1);

      // Before day 6: the day-0 event behind the day-6 one stays, since that one must.
      const behind = all.findIndex((e) => at(e) >= t0 + 6 * day);
      await store.pruneEvents(t0 + 6 * day, 1000);
      const seqs = async () => (await store.readEvents({ after: 0, limit: 1000 })).map((e) => e.seq);
      expect(await seqs()).toEqual(all.slice(behind).map((e) => e.seq));
      expect(await store.prunedBefore()).toBe(all[behind]!.seq - 1);
      // Before day 6.5: the day-6 event goes, and the day-0 one behind it with it.
      const last = all.findIndex((e) => at(e) >= t0 + 7 * day);
      expect(await store.pruneEvents(t0 + 6 * day + day / 2, 1000)).toBe(last - behind);
      expect(await seqs()).toEqual(all.slice(last).map((e) => e.seq));

      // Everything: the log is empty, and every cursor below the head has missed events.
      await store.pruneEvents(t0 + 100 * day, 1000);
      expect(await store.readEvents({ after: 0, limit: 1000 })).toEqual([]);
      expect(await store.prunedBefore()).toBe(head);
      expect(await store.headSeq()).toBe(head);

      // Appending continues after the head; the new event is retained and readable.
      await ingestAt('49616', t0 + 200 * day);
      const fresh = await store.readEvents({ after: head, limit: 1000 });
      expect(fresh[0]?.seq).toBe(head + 1);
      expect(await store.prunedBefore()).toBe(head);
    });
  });
}
