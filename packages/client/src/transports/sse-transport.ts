import {
  eventTypes,
  sseEventNames,
  type EndFrame,
  type ReadyFrame,
  type SwitchboardEvent,
} from '@switchboard/protocol';
import { parseJson, streamQuery, type OpenTransport } from './transport.js';

/** What the SDK needs of an EventSource: the browser's, or the `eventsource` package in Node. */
export type EventSourceLike = new (url: string) => {
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
};

/**
 * The stream over `GET /v1/events/stream`. EventSource's own reconnect is not used: it would come
 * back with the old token in its URL, so the first error closes it and the controller resumes.
 * The named `ready` message follows a replayed backlog (docs/realtime.md), so an event that comes
 * first means the cursor was resumed; an EventSource cannot see HTTP statuses, so a 401 shows up
 * as a failure to open and the controller falls back to the long-poll, which can.
 */
export const openEventSource =
  (EventSourceImpl: EventSourceLike): OpenTransport =>
  (params, h) => {
    let readied = false;
    const source = new EventSourceImpl(`${params.url}/v1/events/stream?${streamQuery(params)}`);
    const on = <T>(type: string, listener: (data: T | null) => void) =>
      source.addEventListener(type, (m) => listener(parseJson<T>(m.data)));
    const ready = (frame: ReadyFrame | null) => {
      if (readied || !frame) return;
      readied = true;
      h.ready(frame);
    };
    on<ReadyFrame>(sseEventNames.ready, (frame) => {
      h.alive();
      ready(frame);
    });
    on(sseEventNames.ping, () => h.alive());
    for (const type of eventTypes) {
      on<SwitchboardEvent>(type, (event) => {
        if (!event) return;
        h.alive();
        ready({ type: 'ready', head: event.seq, recovered: true });
        h.event(event);
      });
    }
    on<EndFrame>(sseEventNames.end, (end) => {
      source.close();
      h.closed(
        end?.reason === 'token_expired'
          ? { kind: 'auth' }
          : { kind: 'ended', reason: end?.reason ?? 'error' },
      );
    });
    source.onerror = () => {
      source.close();
      h.closed({ kind: 'failed', opened: readied });
    };
    return { close: () => source.close() };
  };
