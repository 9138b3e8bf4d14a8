import type { EventPage } from '@switchboard/protocol';
import type { OpenTransport, TransportOutcome } from './transport.js';

/** Seconds one long-poll may wait; below the server's 30 and below the stall watchdog. */
const waitSeconds = 25;

/** The HTTP statuses that end the stream; any other failure is a network failure. */
const outcomes: Record<number, TransportOutcome> = {
  401: { kind: 'auth' },
  403: { kind: 'denied', reason: 'forbidden' },
  400: { kind: 'denied', reason: 'bad_request' },
  503: { kind: 'ended', reason: 'shutdown' },
};

/**
 * The stream as a loop of long-polls on `GET /v1/events` (works wherever plain HTTP does). The
 * first answer stands in for the ready frame; each answer counts as a heartbeat.
 */
export const openLongPoll =
  (fetchImpl: typeof fetch): OpenTransport =>
  (params, h) => {
    const abort = new AbortController();
    let readied = false;
    let after: number | 'head' = params.after ?? 'head';
    const poll = async (): Promise<TransportOutcome | null> => {
      while (!abort.signal.aborted) {
        let page: EventPage;
        try {
          const response = await fetchImpl(
            `${params.url}/v1/events?after=${after}&wait=${readied ? waitSeconds : 0}&limit=500`,
            { headers: { authorization: `Bearer ${params.token}` }, signal: abort.signal },
          );
          if (!response.ok) return outcomes[response.status] ?? { kind: 'failed', opened: readied };
          page = (await response.json()) as EventPage;
        } catch {
          return { kind: 'failed', opened: readied };
        }
        h.alive();
        if (!readied) {
          readied = true;
          h.ready({ type: 'ready', head: page.next, recovered: page.recovered });
        }
        for (const event of page.events) h.event(event);
        after = page.next;
      }
      return null;
    };
    void poll().then((outcome) => outcome && h.closed(outcome));
    return { close: () => abort.abort() };
  };
