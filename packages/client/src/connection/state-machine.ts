/**
 * The connection as a written-down state machine (docs/sdk-connection.md has its table of states ×
 * events, and a test checks the table against this function for every pair). `transition` is
 * pure: timers, sockets and randomness live in the stream controller, which feeds it events.
 */

/** The connection's status (docs/sdk-connection.md). @example if (state.status === 'live') showLive(); */
export type ConnectionStatus =
  'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline' | 'unauthorized' | 'closed';
/** A transport of the stream, in the default order of preference. */
export type TransportName = 'websocket' | 'sse' | 'poll';

/** Why the connection is where it is (null while live or idle). */
export type ConnectionReason =
  | 'connection_lost'
  | 'stalled'
  | 'server_restart'
  | 'slow_consumer'
  | 'server_error'
  | 'token_expired'
  | 'token_refresh_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'bad_request'
  | 'offline'
  | 'closed_by_client';

/** Reasons that end the connection for good (until the app calls `reconnect()`). */
export type DeniedReason = Extract<
  ConnectionReason,
  'unauthorized' | 'token_refresh_failed' | 'forbidden' | 'bad_request'
>;

/**
 * What `client.connection.getState()` returns.
 * @example
 * client.connection.subscribe(({ status, reason, retryInMs }) => console.log(status, reason, retryInMs));
 */
export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** The transport of the open (or last opened) stream. */
  readonly transport: TransportName | null;
  /** The last seq delivered: the stream resumes after it. Null before the first ready. */
  readonly cursor: number | null;
  /**
   * The server's newest seq when the stream opened: while `cursor` is below it, the stream is
   * still replaying what was missed (catching up). Null before the first ready.
   */
  readonly head: number | null;
  readonly reason: ConnectionReason | null;
  /** While reconnecting: the delay before the next attempt. */
  readonly retryInMs: number | null;
}

/** What the stream controller feeds the machine (docs/sdk-connection.md, Events). */
export type ConnectionEvent =
  /** Someone needs the stream (a view, a listener, `reconnect()`). */
  | { type: 'connect' }
  /** A transport delivered its ready frame; `cursor` is where the stream now stands, `head` the server's newest seq. */
  | { type: 'ready'; transport: TransportName; cursor: number; head: number }
  /** An event was delivered. */
  | { type: 'event'; seq: number }
  /** The stream is gone and will be retried after `retryInMs`. */
  | { type: 'lost'; reason: ConnectionReason; retryInMs: number }
  /** The backoff elapsed, or was skipped (back online, tab visible again). */
  | { type: 'retry' }
  /** Retrying cannot help: a credential refused twice, `getToken` failing for good, 4403, 4400. */
  | { type: 'denied'; reason: DeniedReason }
  | { type: 'offline' }
  | { type: 'online' }
  /** Nobody needs the stream any more: it was closed, and opens again on demand. */
  | { type: 'idle' }
  /** `client.close()`: final. */
  | { type: 'close' };

export type ConnectionEventType = ConnectionEvent['type'];
export const connectionEventTypes: readonly ConnectionEventType[] = [
  'connect',
  'ready',
  'event',
  'lost',
  'retry',
  'denied',
  'offline',
  'online',
  'idle',
  'close',
];
export const connectionStatuses: readonly ConnectionStatus[] = [
  'idle',
  'connecting',
  'live',
  'reconnecting',
  'offline',
  'unauthorized',
  'closed',
];

export const initialConnectionState = (cursor: number | null): ConnectionState => ({
  status: 'idle',
  transport: null,
  cursor,
  head: null,
  reason: null,
  retryInMs: null,
});

type Step = (state: ConnectionState, event: never) => ConnectionState;
const to =
  (status: ConnectionStatus, reason: ConnectionReason | null = null): Step =>
  (state) => ({ ...state, status, reason, retryInMs: null });

const ready: Step = (state, e: Extract<ConnectionEvent, { type: 'ready' }>) => ({
  ...state,
  status: 'live',
  transport: e.transport,
  cursor: e.cursor,
  head: e.head,
  reason: null,
  retryInMs: null,
});
const event: Step = (state, e: Extract<ConnectionEvent, { type: 'event' }>) =>
  state.cursor !== null && e.seq <= state.cursor ? state : { ...state, cursor: e.seq };
const lost: Step = (state, e: Extract<ConnectionEvent, { type: 'lost' }>) => ({
  ...state,
  status: 'reconnecting',
  reason: e.reason,
  retryInMs: e.retryInMs,
});
const denied: Step = (state, e: Extract<ConnectionEvent, { type: 'denied' }>) => ({
  ...state,
  status: e.reason === 'bad_request' ? 'closed' : 'unauthorized',
  reason: e.reason,
  retryInMs: null,
});
const offline = to('offline', 'offline');
const idle = to('idle');
const close = to('closed', 'closed_by_client');
const connecting = to('connecting');

/** What each state does with each event; a missing entry leaves the state as it is. */
const table: Record<ConnectionStatus, Partial<Record<ConnectionEventType, Step>>> = {
  idle: { connect: connecting, event, denied, close },
  connecting: { ready, event, lost, denied, offline, idle, close },
  live: { ready, event, lost, denied, offline, idle, close },
  reconnecting: { ready, event, lost, retry: connecting, denied, offline, online: connecting, idle, close },
  offline: { ready, event, retry: connecting, denied, online: connecting, idle, close },
  unauthorized: { connect: connecting, close },
  closed: {},
};

/**
 * The next state; the same object when the event changes nothing.
 * @example
 * transition(state, { type: 'lost', reason: 'stalled', retryInMs: 400 }).status; // 'reconnecting' (from live)
 */
export function transition(state: ConnectionState, e: ConnectionEvent): ConnectionState {
  const step = table[state.status][e.type] as
    ((s: ConnectionState, e: ConnectionEvent) => ConnectionState) | undefined;
  return step ? step(state, e) : state;
}
