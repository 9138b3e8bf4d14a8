import type { SwitchboardEvent } from '@switchboard/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Scope } from '../auth/principal.js';
import type { Store } from '../store/store.js';
import type { EventNotifier } from './event-notifier.js';
import { HubEvent } from './hub-event.js';
import type { StreamSink } from './stream-sink.js';
import { Subscription, type SubscriptionHost } from './subscription.js';

export interface EventHubOptions {
  store: Store;
  notifier: EventNotifier;
  log?: FastifyBaseLogger;
  /** Events per store read, live and replay. */
  pageSize?: number;
  /** A subscriber whose connection holds more unsent bytes than this is dropped (slow consumer). */
  maxBufferedBytes?: number;
  /** Delay before the reader retries after a failed store read. */
  retryMs?: number;
}

export interface SubscribeOptions {
  scope: Scope;
  conversationId?: string | undefined;
  ref?: string | undefined;
  /** The client's cursor (last seq it has); omitted: start at the head (live only). */
  after?: number | undefined;
  /** Epoch ms when the caller's token expires: the stream ends with `token_expired` then. */
  expiresAt?: number | undefined;
}

/**
 * The realtime core of one node. ONE reader per node follows the event log: on every notification
 * it reads the store after the last seq it has seen, in pages, and fans each event out in memory
 * to the attached subscriptions. A subscription whose cursor is behind replays from the store
 * first and attaches once it has caught up (the hand-over argument is in `subscription.ts` and
 * docs/realtime.md).
 *
 * Contract: each subscription receives, strictly in seq order and each once, exactly the events
 * after its cursor that its filter allows (scope via `scopeAllowsEvent`, plus the narrowing), or
 * ends with a reason. Notifications carry only a seq: a lost or coalesced one delays, never skips.
 */
export class EventHub {
  private readonly store: Store;
  private readonly notifier: EventNotifier;
  private readonly log: FastifyBaseLogger | undefined;
  private readonly pageSize: number;
  private readonly retryMs: number;
  readonly maxBufferedBytes: number;

  private readonly attached = new Set<Subscription>();
  private readonly live = new Set<Subscription>();
  private lastSeq = 0;
  private target = 0;
  private reading = false;
  private started = false;
  private headKnown = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  private readonly host: SubscriptionHost;

  constructor(options: EventHubOptions) {
    this.store = options.store;
    this.notifier = options.notifier;
    this.log = options.log;
    this.pageSize = options.pageSize ?? 500;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.retryMs = options.retryMs ?? 1000;
    const head = () => this.lastSeq;
    this.host = {
      get head() {
        return head();
      },
      replayPageSize: this.pageSize,
      maxBufferedBytes: this.maxBufferedBytes,
      readEvents: (after, conversationId) =>
        this.store.readEvents({ after, limit: this.pageSize, conversationId }),
      attach: (subscription) => this.attached.add(subscription),
      detach: (subscription) => {
        this.attached.delete(subscription);
        this.live.delete(subscription);
      },
      onReplayError: (error) => this.log?.error({ err: error }, 'realtime replay failed'),
    };
  }

  /** The last seq this node has read and fanned out. */
  get head(): number {
    return this.lastSeq;
  }

  /** Open subscriptions (replaying or attached). */
  get subscriberCount(): number {
    return this.live.size;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Listen before reading the head: a commit in between is then heard, not lost.
    this.unsubscribe = this.notifier.subscribe((seq) => this.notify(seq));
    await this.notifier.start();
    this.lastSeq = await this.store.headSeq();
    this.headKnown = true;
    this.notify(this.lastSeq);
  }

  /** Ends every subscription with `shutdown` (clients resume elsewhere or after the restart). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const subscription of [...this.live]) subscription.end('shutdown');
    await this.notifier.close();
  }

  /**
   * Opens a stream: `sink.ready` is called before this resolves, then events flow (replay, then
   * live). A cursor older than the retained log cannot be resumed: the stream says
   * `recovered: false` and starts at the head.
   */
  async subscribe(options: SubscribeOptions, sink: StreamSink): Promise<Subscription> {
    const prunedBefore = options.after === undefined ? 0 : await this.store.prunedBefore();
    let cursor = options.after ?? this.lastSeq;
    let recovered = true;
    if (cursor < prunedBefore) {
      recovered = false;
      cursor = Math.max(this.lastSeq, prunedBefore);
    }
    const filter = { scope: options.scope, conversationId: options.conversationId, ref: options.ref };
    const subscription = new Subscription(this.host, filter, sink, cursor);
    if (this.closed) {
      subscription.end('shutdown');
      return subscription;
    }
    this.live.add(subscription);
    sink.ready({ head: Math.max(this.lastSeq, cursor), recovered }, subscription);
    subscription.start(options.expiresAt);
    return subscription;
  }

  private notify(seq: number): void {
    if (seq > this.target) this.target = seq;
    if (!this.reading && !this.closed && this.headKnown) void this.read();
  }

  private async read(): Promise<void> {
    this.reading = true;
    try {
      while (!this.closed && this.target > this.lastSeq) {
        const page = await this.store.readEvents({ after: this.lastSeq, limit: this.pageSize });
        // Not visible yet (a notifier may run ahead of a replica); the next notification retries.
        if (page.length === 0) break;
        this.dispatch(page);
      }
    } catch (error) {
      this.log?.error({ err: error }, 'realtime reader failed; retrying');
      this.retryTimer = setTimeout(() => this.notify(this.target), this.retryMs);
      this.retryTimer.unref();
    } finally {
      this.reading = false;
    }
  }

  // Synchronous on purpose: `lastSeq` and the attached set change together, which is what makes
  // the replay → live hand-over exact (see Subscription).
  private dispatch(page: readonly SwitchboardEvent[]): void {
    for (const event of page) {
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq;
      if (event.seq > this.target) this.target = event.seq;
      const hubEvent = new HubEvent(event);
      for (const subscription of this.attached) subscription.offer(hubEvent);
    }
  }
}
