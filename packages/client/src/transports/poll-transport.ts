import type { EventPage } from '@switchboard/protocol';
import { once, type OpenTransport } from './transport.js';

/** Seconds one long-poll may wait; below the server's 30 and below the stall watchdog. */
const waitSeconds = 25;

/**
 * The stream as a loop of long-polls on `GET /v1/events` (works wherever plain HTTP does). The
 * first answer stands in for the ready frame; each answer counts as a heartbeat.
 */
export const openLongPoll =
  (fetchImpl: typeof fetch): OpenTransport =>
  (params, handlers) => {
    const h = once(handlers);
    const abort = new AbortController();
    let readied = false;
    let after: number | 'head' = params.after ?? 'head';
    const loop = async () => {
      while (!h.stopped()) {
        let response: Response;
        try {
          response = await fetchImpl(
            `${params.url}/v1/events?after=${after}&wait=${readied ? waitSeconds : 0}&limit=500`,
            {
              headers: { authorization: `Bearer ${params.token}` },
              signal: abort.signal,
            },
          );
        } catch {
          return h.closed({ kind: 'failed', opened: readied });
        }
        if (response.status === 401) return h.closed({ kind: 'auth' });
        if (response.status === 403) return h.closed({ kind: 'denied', reason: 'forbidden' });
        if (response.status === 400) return h.closed({ kind: 'denied', reason: 'bad_request' });
        let page: EventPage;
        try {
          if (!response.ok) throw new Error();
          page = (await response.json()) as EventPage;
        } catch {
          return h.closed(
            response.status === 503
              ? { kind: 'ended', reason: 'shutdown' }
              : { kind: 'failed', opened: readied },
          );
        }
        h.alive();
        if (!readied) {
          readied = true;
          h.ready({ type: 'ready', head: page.next, recovered: page.recovered });
        }
        for (const event of page.events) h.event(event);
        after = page.next;
      }
    };
    void loop();
    return {
      close() {
        h.stop();
        abort.abort();
      },
    };
  };
