import type { SwitchboardEvent } from '@switchboard/protocol';
import { streamAllows, type StreamFilter } from '../../realtime/stream-filter.js';
import type { Store } from '../../store/store.js';

export interface ScopedPage {
  events: SwitchboardEvent[];
  /** The cursor for the next call: past every event scanned, in scope or not. */
  next: number;
  /** True when the scan reached the end of the log (nothing more to read right now). */
  reachedHead: boolean;
}

const scanPageSize = 500;
// One request scans at most this many rows, so a narrow scope over a long log answers in bounded
// time; `next` has moved past them, so the next call does not scan them again.
const maxScannedRows = 20_000;

/**
 * Up to `limit` events after `after` that the filter allows, in seq order. `headBefore` is the
 * hub's head before the scan: every seq up to it is committed, so a scan that ran out of rows may
 * move `next` up to it (the same argument as the stream's hand-over, see Subscription).
 */
export async function readScopedPage(
  store: Store,
  query: { after: number; limit: number; filter: StreamFilter; headBefore: number },
): Promise<ScopedPage> {
  const { filter, limit } = query;
  const events: SwitchboardEvent[] = [];
  let cursor = query.after;
  let scanned = 0;
  for (;;) {
    const page = await store.readEvents({
      after: cursor,
      limit: scanPageSize,
      conversationId: filter.conversationId,
    });
    for (const event of page) {
      cursor = event.seq;
      if (!streamAllows(filter, event)) continue;
      events.push(event);
      if (events.length === limit) return { events, next: cursor, reachedHead: false };
    }
    scanned += page.length;
    if (page.length < scanPageSize) {
      return { events, next: Math.max(cursor, query.headBefore), reachedHead: true };
    }
    if (scanned >= maxScannedRows) return { events, next: cursor, reachedHead: false };
  }
}
