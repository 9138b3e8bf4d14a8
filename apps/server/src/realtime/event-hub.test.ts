import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullScope } from '../auth/principal.js';
import { change, textMessage } from '../test-support/inbound-fixtures.js';
import { createTestStore } from '../test-support/test-databases.js';
import type { Store } from '../store/store.js';
import { EventHub } from './event-hub.js';
import type { HubEvent } from './hub-event.js';
import { InProcessEventNotifier } from './in-process-notifier.js';
import type { StreamEndReason, StreamSink } from './stream-sink.js';

class RecordingSink implements StreamSink {
  seqs: number[] = [];
  endedWith: StreamEndReason | null = null;
  ready_: { head: number; recovered: boolean } | null = null;
  constructor(private readonly pretendBuffered = 0) {}
  ready(info: { head: number; recovered: boolean }) {
    this.ready_ = info;
  }
  write(event: HubEvent) {
    this.seqs.push(event.seq);
  }
  bufferedBytes() {
    return this.pretendBuffered * this.seqs.length;
  }
  drained() {
    return Promise.resolve();
  }
  end(reason: StreamEndReason) {
    this.endedWith = reason;
  }
}

describe('EventHub', () => {
  let store: Store;
  let hub: EventHub;
  afterEach(async () => {
    await hub.close();
    await store.close();
  });
  const setup = async (options: { maxBufferedBytes?: number; pageSize?: number } = {}) => {
    store = await createTestStore('sqlite');
    const channel = await store.ensureChannel({ provider: 'meta', phoneNumberId: '77', name: 'Hub' });
    hub = new EventHub({ store, notifier: new InProcessEventNotifier(store), ...options });
    await hub.start();
    return (from = '4916000000001') =>
      store.transaction((tx) =>
        tx.applyInbound(
          channel,
          change({ phoneNumberId: '77', messages: [textMessage(from, 'x')] }),
          Date.now(),
        ),
      );
  };

  it('hands over from replay to live without a gap or a duplicate, whatever the cursor and timing', async () => {
    const append = await setup({ pageSize: 7 });
    for (let i = 0; i < 30; i++) await append();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 60 }), fc.nat({ max: 10 }), async (cursor, concurrent) => {
        const sink = new RecordingSink();
        const writes = Array.from({ length: concurrent }, () => append());
        const subscription = await hub.subscribe({ scope: fullScope, after: cursor }, sink);
        await Promise.all(writes);
        const head = await store.headSeq();
        await vi.waitFor(() => expect(sink.seqs.at(-1) ?? cursor).toBeGreaterThanOrEqual(head));
        const expected = Array.from({ length: Math.max(0, head - cursor) }, (_, i) => cursor + i + 1);
        subscription.cancel();
        expect(sink.seqs).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('drops a subscriber whose connection buffer passes the bound (slow consumer)', async () => {
    const append = await setup({ maxBufferedBytes: 3000 });
    const sink = new RecordingSink(1000);
    await hub.subscribe({ scope: fullScope }, sink);
    for (let i = 0; i < 3 && !sink.endedWith; i++) await append();
    await vi.waitFor(() => expect(sink.endedWith).toBe('slow_consumer'));
    expect(hub.subscriberCount).toBe(0);
  });

  it('ends the stream with token_expired when the token expires, and everything with shutdown on close', async () => {
    await setup();
    const expiring = new RecordingSink();
    const other = new RecordingSink();
    await hub.subscribe({ scope: fullScope, expiresAt: Date.now() + 50 }, expiring);
    await hub.subscribe({ scope: fullScope }, other);
    await vi.waitFor(() => expect(expiring.endedWith).toBe('token_expired'));
    await hub.close();
    expect(other.endedWith).toBe('shutdown');
  });
});
