import type { StreamEndReason } from '@switchboard/protocol';
import type { HubEvent } from './hub-event.js';

/** Why the hub ended a subscription (the protocol's end reasons, docs/realtime.md). */
export type { StreamEndReason };
import type { Subscription } from './subscription.js';

/** Where a subscription's frames go: one implementation per transport (WebSocket, SSE, long-poll). */
export interface StreamSink {
  /**
   * Called once, before any event: the hub's head and whether the cursor could be resumed. The
   * subscription is handed over so that a sink can cancel it synchronously from `write` (the
   * long-poll stops at its limit without the cursor running past what it returns).
   */
  ready(info: { head: number; recovered: boolean }, subscription: Subscription): void;
  /**
   * Called once, when the replay has caught up and the stream goes live (at once when there was
   * nothing to replay, or the cursor was not recovered).
   */
  caughtUp?(): void;
  /** Writes one event; events arrive strictly in seq order, each once. */
  write(event: HubEvent): void;
  /** Bytes written but not yet handed to the kernel: the hub drops the subscriber above its bound. */
  bufferedBytes(): number;
  /** Resolves once the buffer has drained below the sink's low-water mark (or the connection is gone). */
  drained(): Promise<void>;
  /** The hub ended the subscription; the transport closes the connection with the matching code. */
  end(reason: StreamEndReason): void;
}
