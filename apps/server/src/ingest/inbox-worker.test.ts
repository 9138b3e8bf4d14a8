import { metaJsonStringify } from '@switchboard/whatsapp';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Metrics } from '../metrics/metrics.js';
import { normalizeMetaWebhook } from '../providers/meta/normalize-webhook.js';
import { normalizeStoredWebhook } from '../providers/webhook-normalizer.js';
import type { Store } from '../store/store.js';
import { createTestStore } from '../test-support/test-databases.js';
import { ChannelRegistry } from './channel-registry.js';
import { InboxWorker, type Normalizer } from './inbox-worker.js';

const phoneNumberId = '555000111';
const body = (id: string) =>
  Buffer.from(
    metaJsonStringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '1555', phone_number_id: phoneNumberId },
                contacts: [{ profile: { name: 'Lena' }, wa_id: '4917011' }],
                messages: [
                  {
                    from: '4917011',
                    id,
                    timestamp: '1750000000',
                    type: 'text',
                    text: { body: 'stored before a crash' },
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
  );

describe('InboxWorker', () => {
  let store: Store;
  afterEach(() => store.close());

  async function setup(
    normalize: Normalizer = normalizeStoredWebhook,
    now = () => Date.now(),
    extra: Partial<ConstructorParameters<typeof InboxWorker>[0]> = {},
  ) {
    store = await createTestStore('sqlite');
    const channel = await store.ensureChannel({ provider: 'meta', phoneNumberId, name: 'x' });
    const registry = new ChannelRegistry([
      {
        channel,
        config: {
          provider: 'meta',
          name: 'x',
          phoneNumberId,
          accessToken: 'a'.repeat(8),
          appSecret: 'b'.repeat(8),
          verifyToken: 'c',
          graphUrl: 'http://127.0.0.1:9',
          sendRatePerSecond: 80,
        },
      },
    ]);
    return new InboxWorker({
      store,
      registry,
      normalize,
      metrics: new Metrics(),
      log: pino({ level: 'silent' }),
      now,
      ...extra,
    });
  }

  it('processes webhooks stored but not processed (a crash between the two), once', async () => {
    const worker = await setup();
    await store.transaction(async (tx) => {
      await tx.insertWebhook({
        provider: 'meta',
        body: body('wamid.A'),
        receivedAt: Date.now(),
        status: 'pending',
      });
      await tx.insertWebhook({
        provider: 'meta',
        body: body('wamid.A'),
        receivedAt: Date.now(),
        status: 'pending',
      });
    });
    await worker.drain();
    expect(await store.countWebhooks('pending')).toBe(0);
    const conversation = (await store.listConversations({ limit: 5 })).data[0]!;
    expect(
      (await store.listMessages(conversation.id, { limit: 5 })).data.map(
        (m) => (m.content as { body?: unknown }).body,
      ),
    ).toEqual(['stored before a crash']);
  });

  it('gives way to arriving webhooks while behind, in smaller batches, and more so when overrun', async () => {
    async function run(arrivalRate: number, count: number) {
      const pauses: number[] = [];
      const worker = await setup(undefined, undefined, {
        arrivalRate: () => arrivalRate,
        batchSize: 10,
        busyBatchSize: 5,
        pause: async (ms) => {
          pauses.push(ms);
        },
      });
      const limits: number[] = [];
      const due = store.dueWebhooks.bind(store);
      store.dueWebhooks = (at, limit) => {
        limits.push(limit);
        return due(at, limit);
      };
      await store.transaction(async (tx) => {
        for (let i = 0; i < count; i++) {
          const receivedAt = Date.now();
          await tx.insertWebhook({
            provider: 'meta',
            body: body(`wamid.P${i}`),
            receivedAt,
            status: 'pending',
          });
        }
      });
      await worker.drain();
      expect(await store.countWebhooks('pending')).toBe(0);
      await store.close();
      return { pauses, limits };
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // A full batch due while webhooks arrive (one a second, slower than processing): behind. The
    // batches after it are smaller, each followed by a pause twice its work (a third of the loop).
    const behind = await run(1, 40);
    expect(behind.limits.slice(0, 3)).toEqual([10, 5, 5]);
    expect(behind.pauses.length).toBeGreaterThanOrEqual(4);
    // Webhooks arriving faster than any pace processing reaches: overrun, a pause 19 times its work
    // (a twentieth of the loop).
    const overrun = await run(Number.MAX_VALUE, 40);
    expect(overrun.limits.slice(0, 3)).toEqual([10, 5, 5]);
    expect(overrun.pauses.length).toBeGreaterThanOrEqual(4);
    expect(median(overrun.pauses)).toBeGreaterThan(3 * median(behind.pauses));
    // Less than a batch due (processing keeps up), or nothing arriving: full batches, no pauses.
    for (const [arrivalRate, count] of [
      [Number.MAX_VALUE, 8],
      [0, 30],
    ] as const) {
      const { pauses, limits } = await run(arrivalRate, count);
      expect(pauses).toEqual([]);
      expect(limits.every((l) => l === 10)).toBe(true);
    }
    store = await createTestStore('sqlite');
  });

  it('retries a failed processing with backoff instead of skipping it', async () => {
    let clock = 1_000_000;
    let failures = 2;
    const worker = await setup(
      (provider, raw, receivedAt) => {
        if (failures-- > 0) throw new Error('transient failure');
        return normalizeStoredWebhook(provider, raw, receivedAt);
      },
      () => clock,
    );
    const id = await store.transaction((tx) =>
      tx.insertWebhook({ provider: 'meta', body: body('wamid.B'), receivedAt: clock, status: 'pending' }),
    );
    await worker.drain();
    expect(await store.getWebhook(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Error: transient failure',
      nextAttemptAt: clock + 1000,
    });
    await worker.drain(); // not due yet: nothing happens
    expect((await store.getWebhook(id))!.attempts).toBe(1);
    clock += 1000;
    await worker.drain();
    expect(await store.getWebhook(id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: clock + 2000,
    });
    clock += 2000;
    await worker.drain();
    expect(await store.getWebhook(id)).toMatchObject({ status: 'processed', attempts: 3, lastError: null });
    expect((await store.listConversations({ limit: 5 })).data).toHaveLength(1);
  });

  it('applies webhooks in batches, and one that fails inside a batch holds back none of the others', async () => {
    const worker = await setup((_p, raw) => {
      const batch = normalizeMetaWebhook(JSON.parse(raw.toString('utf8')));
      // A webhook whose processing throws inside the shared transaction (past the schema check).
      if (raw.includes('wamid.BAD')) return { ...batch, changes: null as any };
      return batch;
    });
    const ids = Array.from({ length: 120 }, (_, i) => (i === 57 ? 'wamid.BAD' : `wamid.OK${i}`));
    await store.transaction((tx) =>
      tx.insertWebhooks(
        ids.map((id) => ({ provider: 'meta', body: body(id), receivedAt: Date.now(), status: 'pending' })),
      ),
    );
    await worker.settle();
    expect(await store.countWebhooks('processed')).toBe(119);
    const [failed] = await store.listWebhooks({ status: 'pending', limit: 5 });
    expect(failed!.body.toString()).toContain('wamid.BAD');
    expect(failed!.attempts).toBe(1);
    const conversation = (await store.listConversations({ limit: 5 })).data[0]!;
    expect((await store.listMessages(conversation.id, { limit: 200 })).data).toHaveLength(119);
  });
});
