import type { ReadyFrame, StreamEndReason, SwitchboardEvent } from '@switchboard/protocol';
import type { TransportName } from '../connection/state-machine.js';

/** How one transport's stream ended; the stream controller decides what follows. */
export type TransportOutcome =
  /** The network failed: before the ready frame (`opened: false`, try the next transport) or after. */
  | { kind: 'failed'; opened: boolean }
  /** The server ended the stream and said why (resume, possibly after a new token). */
  | { kind: 'ended'; reason: StreamEndReason }
  /** The credential was refused (4401 / 401): get a new token, once. */
  | { kind: 'auth' }
  /** Retrying cannot help (4403 / 4400). */
  | { kind: 'denied'; reason: 'forbidden' | 'bad_request' };

export interface TransportHandlers {
  ready(frame: ReadyFrame): void;
  event(event: SwitchboardEvent): void;
  /** Any sign of life (a heartbeat, a frame, a poll answer): the stall watchdog is reset. */
  alive(): void;
  /** Called once, last. */
  closed(outcome: TransportOutcome): void;
}

export interface TransportParams {
  /** The server's base URL, without a trailing slash. */
  url: string;
  token: string;
  /** Resume after this seq; null: live from the head. */
  after: number | null;
}

/**
 * One open stream; `close()` stops it without calling `closed` (the caller already knows). The
 * controller ignores whatever a stream delivers after its `closed` or its `close()`.
 */
export interface Transport {
  close(): void;
}

export type OpenTransport = (params: TransportParams, handlers: TransportHandlers) => Transport;

export interface TransportFactory {
  readonly name: TransportName;
  /** Null when the runtime lacks what the transport needs (no WebSocket, no EventSource). */
  readonly open: OpenTransport | null;
}

/** `?after=&token=` for the stream endpoints (browsers cannot set headers on them). */
export function streamQuery(params: TransportParams): string {
  const after = params.after === null ? '' : `after=${params.after}&`;
  return `${after}token=${encodeURIComponent(params.token)}`;
}

/** The parsed JSON of a frame, or null when it is not JSON. */
export function parseJson<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}
