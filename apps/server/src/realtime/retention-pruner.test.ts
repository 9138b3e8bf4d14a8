import { afterEach, describe, expect, it, vi } from 'vitest';
import { change, textMessage } from '../test-support/inbound-fixtures.js';
import { createTestStore, storeKinds } from '../test-support/test-databases.js';
import type { Channel, Store } from '../store/store.js';
import { RetentionPruner } from './retention-pruner.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2026, 0, 1);

async function ingestAt(store: Store, channel: Channel, from: string, at: number): Promise<void> {
  await store.transaction((tx) =>
    tx.applyInbound(
      channel,
      change({ phoneNumberId: channel.phoneNumberId, messages: [textMessage(from, 'hi')] }),
      at,
    ),
  );
}

function recordingLog() {
  const pruned: number[] = [];
  return {
    pruned,
    log: {
      info: (obj: object) => pruned.push((obj as { deleted: number }).deleted),
      warn: (obj: object, msg: string) => {
        throw new Error(`unexpected warning: ${msg} ${JSON.stringify(obj)}`);
      },
    },
  };
}

describe.each(storeKinds)('RetentionPruner on %s', (kind) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('deletes, in batches, every event older than the retention and logs how many', async () => {
    const store = await createTestStore(kind);
    try {
      const channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '7007', name: 'R' });
      for (let i = 0; i < 10; i++) await ingestAt(store, channel, `4971${i}`, t0 + i * day);
      const all = await store.readEvents({ after: 0, limit: 1000 });
      const now = t0 + 12 * day;
      const { pruned, log } = recordingLog();
      const pruner = new RetentionPruner({ store, retentionDays: 7, batchSize: 3, now: () => now, log });

      // Retained: what happened from day 5 on (12 − 7).
      const firstKept = all.findIndex((e) => Date.parse(e.at) >= t0 + 5 * day);
      expect(await pruner.pruneOnce()).toBe(firstKept);
      expect(pruned).toEqual([firstKept]);
      expect(await store.prunedBefore()).toBe(all[firstKept]!.seq - 1);
      expect((await store.readEvents({ after: 0, limit: 1000 })).map((e) => e.seq)).toEqual(
        all.slice(firstKept).map((e) => e.seq),
      );
      // A second pass at the same time finds nothing and logs nothing.
      expect(await pruner.pruneOnce()).toBe(0);
      expect(pruned).toEqual([firstKept]);
    } finally {
      await store.close();
    }
  });

  it('runs at start and then every interval, with the time of each pass', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = await createTestStore(kind);
    try {
      const channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '7008', name: 'R' });
      for (let i = 0; i < 4; i++) await ingestAt(store, channel, `4972${i}`, t0 + i * day);
      const perDay = (await store.readEvents({ after: 0, limit: 1000 })).filter(
        (e) => Date.parse(e.at) === t0,
      ).length;
      let now = t0 + 7 * day + 1;
      const { pruned, log } = recordingLog();
      const pruner = new RetentionPruner({
        store,
        retentionDays: 7,
        intervalMs: 60_000,
        now: () => now,
        log,
      });
      pruner.start();
      await vi.waitFor(() => expect(pruned).toEqual([perDay]));

      now += 2 * day;
      await vi.advanceTimersByTimeAsync(59_000);
      expect(pruned).toEqual([perDay]);
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(pruned).toEqual([perDay, 2 * perDay]));
      await pruner.stop();
      now += 10 * day;
      await vi.advanceTimersByTimeAsync(120_000);
      expect(pruned).toEqual([perDay, 2 * perDay]);
      expect((await store.readEvents({ after: 0, limit: 1000 })).length).toBe(perDay);
    } finally {
      await store.close();
    }
  });
});
