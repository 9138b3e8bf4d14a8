import {
  eventTypes,
  sseEventNames,
  type EndFrame,
  type ReadyFrame,
  type SwitchboardEvent,
} from '@switchboard/protocol';
import { once, streamQuery, type OpenTransport } from './transport.js';

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
  (params, handlers) => {
    const h = once(handlers);
    let readied = false;
    const source = new EventSourceImpl(`${params.url}/v1/events/stream?${streamQuery(params)}`);
    const ready = (frame: ReadyFrame) => {
      if (readied) return;
      readied = true;
      h.ready(frame);
    };
    const parse = <T>(data: string): T | null => {
      try {
        return JSON.parse(data) as T;
      } catch {
        return null;
      }
    };
    source.addEventListener(sseEventNames.ready, (m) => {
      h.alive();
      const frame = parse<ReadyFrame>(m.data);
      if (frame) ready(frame);
    });
    source.addEventListener(sseEventNames.ping, () => h.alive());
    for (const type of eventTypes) {
      source.addEventListener(type, (m) => {
        const event = parse<SwitchboardEvent>(m.data);
        if (!event) return;
        h.alive();
        ready({ type: 'ready', head: event.seq, recovered: true });
        h.event(event);
      });
    }
    source.addEventListener(sseEventNames.end, (m) => {
      const end = parse<EndFrame>(m.data);
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
    return {
      close() {
        h.stop();
        source.close();
      },
    };
  };
