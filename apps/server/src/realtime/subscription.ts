import type { SwitchboardEvent } from '@switchboard/protocol';
import { HubEvent } from './hub-event.js';
import { streamAllows, type StreamFilter } from './stream-filter.js';
import type { StreamEndReason, StreamSink } from './stream-sink.js';

/** What a subscription needs from its hub; see `EventHub` for the contract. */
export interface SubscriptionHost {
  /** The last seq the hub has read and fanned out. */
  readonly head: number;
  readEvents(after: number, conversationId: string | undefined): Promise<SwitchboardEvent[]>;
  readonly replayPageSize: number;
  readonly maxBufferedBytes: number;
  attach(subscription: Subscription): void;
  detach(subscription: Subscription): void;
  onReplayError(error: unknown): void;
}

// setTimeout fires at once for delays above 2^31-1 ms.
const maxTimerMs = 2 ** 31 - 1;

/**
 * One client's ordered stream. It starts replaying from the store after its cursor and attaches to
 * the hub's live fan-out once it has caught up; `cursor` is the last seq it has passed on or
 * skipped (out of its scope), so it never goes back and never delivers a seq twice.
 *
 * The hand-over (why no event is missed or duplicated):
 * - The hub reads the log in seq order and, for each event, sets `hub.head = seq` and offers it to
 *   every attached subscription in the same synchronous step. A subscription attached at a moment
 *   when `hub.head = H` is therefore offered exactly the events with seq > H, in order.
 * - Replay reads pages after `cursor`. A page shorter than the page size holds every matching
 *   event the log had when the query ran; everything up to `head` as it was before the query was
 *   already committed (the hub had read it), so `cursor` may move up to that value.
 * - Attaching happens only when `cursor >= hub.head`, checked and done synchronously (no `await`
 *   between), so the hub cannot dispatch in between. Live events with seq ≤ cursor (already
 *   replayed when the replay ran ahead of the hub) are dropped by `offer`; every seq > cursor is
 *   offered live. Hence: each seq once, in order, no gap.
 */
export class Subscription {
  private ended = false;
  private expiryTimer: NodeJS.Timeout | null = null;
  private wakeReplay: (() => void) | null = null;

  constructor(
    private readonly host: SubscriptionHost,
    private readonly filter: StreamFilter,
    private readonly sink: StreamSink,
    /** Last seq passed on or skipped. */
    public cursor: number,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** Starts the replay (in the background) and the token-expiry timer. */
  start(expiresAt: number | undefined): void {
    if (expiresAt !== undefined) {
      const delay = expiresAt - Date.now();
      if (delay <= 0) return this.end('token_expired');
      this.expiryTimer = setTimeout(() => this.end('token_expired'), Math.min(delay, maxTimerMs));
      this.expiryTimer.unref();
    }
    void this.replay();
  }

  /** Called by the hub for every live event, in seq order. */
  offer(event: HubEvent): void {
    if (this.ended || event.seq <= this.cursor) return;
    this.cursor = event.seq;
    if (!streamAllows(this.filter, event.event)) return;
    this.sink.write(event);
    // A consumer that cannot keep up is dropped rather than buffered without limit; it resumes
    // from its last seq and catches up through the (paced) replay.
    if (!this.ended && this.sink.bufferedBytes() > this.host.maxBufferedBytes) this.end('slow_consumer');
  }

  /** The hub (or its shutdown) ends the stream; the sink closes the connection. */
  end(reason: StreamEndReason): void {
    if (this.ended) return;
    this.stop();
    this.sink.end(reason);
  }

  /** The transport is gone (client closed, socket destroyed, long-poll answered): just stop. */
  cancel(): void {
    if (!this.ended) this.stop();
  }

  private stop(): void {
    this.ended = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.host.detach(this);
    this.wakeReplay?.();
  }

  private async replay(): Promise<void> {
    try {
      for (;;) {
        if (this.ended) return;
        const headBefore = this.host.head;
        if (this.cursor >= headBefore) {
          this.host.attach(this);
          return this.sink.caughtUp?.();
        }
        const page = await this.host.readEvents(this.cursor, this.filter.conversationId);
        for (const event of page) {
          if (this.ended) return;
          if (event.seq <= this.cursor) continue;
          this.cursor = event.seq;
          if (!streamAllows(this.filter, event)) continue;
          this.sink.write(new HubEvent(event));
          // Replay is paced by the connection, so a long catch-up never piles up in memory.
          if (this.sink.bufferedBytes() > this.host.maxBufferedBytes / 2) await this.drained();
        }
        if (page.length < this.host.replayPageSize) this.cursor = Math.max(this.cursor, headBefore);
      }
    } catch (error) {
      if (this.ended) return;
      this.host.onReplayError(error);
      this.end('error');
    }
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeReplay = resolve;
      this.sink.drained().then(resolve, resolve);
    }).finally(() => {
      this.wakeReplay = null;
    });
  }
}
