import type { SwitchboardEvent } from '@switchboard/protocol';
import type { EventHub, SubscribeOptions } from '../../realtime/event-hub.js';
import type { StreamEndReason, StreamSink } from '../../realtime/stream-sink.js';
import type { Subscription } from '../../realtime/subscription.js';

/**
 * Holds a long-poll until the hub delivers an in-scope event after `after` (then answers in the
 * next turn, with whatever else arrived meanwhile, up to `limit`), until `waitMs` pass (an empty
 * page), or until the client goes away (`signal`). `next` is the subscription's cursor: the last
 * event returned, or further when it skipped out-of-scope events after it.
 */
export async function waitForEvents(
  hub: EventHub,
  options: SubscribeOptions & { after: number },
  limit: number,
  waitMs: number,
  signal: AbortSignal,
): Promise<{
  events: SwitchboardEvent[];
  next: number;
  recovered: boolean;
  endedBy: StreamEndReason | null;
}> {
  const events: SwitchboardEvent[] = [];
  let recovered = true;
  let endedBy: StreamEndReason | null = null;
  let subscription: Subscription | undefined;
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  // Cancelling stops the cursor at once, so it never runs past the events in the answer.
  const finish = () => {
    subscription?.cancel();
    answer();
  };
  const sink: StreamSink = {
    ready: (info, opened) => {
      recovered = info.recovered;
      subscription = opened;
    },
    write: (event) => {
      events.push(event.event);
      if (events.length >= limit) finish();
      else if (events.length === 1) setImmediate(finish);
    },
    bufferedBytes: () => 0,
    drained: () => Promise.resolve(),
    end: (reason) => {
      endedBy = reason;
      answer();
    },
  };
  const timer = setTimeout(finish, waitMs);
  signal.addEventListener('abort', finish, { once: true });
  const opened = await hub.subscribe(options, sink);
  subscription = opened;
  if (opened.isEnded) answer();
  await answered;
  clearTimeout(timer);
  signal.removeEventListener('abort', finish);
  finish();
  return { events, next: opened.cursor, recovered, endedBy };
}
