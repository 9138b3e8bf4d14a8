import type {
  Conversation,
  Message,
  SendMessageBody,
  SwitchboardEvent,
  Template,
} from '@switchboard/protocol';
import { systemClock, Timer, type Clock } from './connection/clock.js';
import type { ConnectionState, TransportName } from './connection/state-machine.js';
import { StreamController, type BrowserEnvironment } from './connection/stream-controller.js';
import { TokenSource } from './connection/token-source.js';
import { SwitchboardError } from './errors.js';
import { path, Rest, withQuery } from './http/rest.js';
import { onlyOnce } from './listeners.js';
import { newClientMessageId } from './send/client-message-id.js';
import { SendQueue, type SendHandle } from './send/send-queue.js';
import { uploadMedia, type UploadedMedia, type UploadOptions } from './send/upload-media.js';
import { ConversationView } from './store/conversation-view.js';
import { ConversationsView, type ConversationsQuery } from './store/conversations-view.js';
import type { ViewHost } from './store/live-view.js';
import { LocalStore } from './store/local-store.js';
import { MessagesView } from './store/messages-view.js';
import { openLongPoll } from './transports/poll-transport.js';
import { openEventSource, type EventSourceLike } from './transports/sse-transport.js';
import type { TransportFactory } from './transports/transport.js';
import { openWebSocket, type WebSocketLike } from './transports/websocket-transport.js';

export interface ClientOptions {
  /** The Switchboard server's base URL, such as `https://switchboard.bank.example`. */
  url: string;
  /** Returns an agent token (from the app's backend); called again before `exp` and after a 401/4401. */
  getToken?: () => Promise<string> | string;
  /** A fixed token (tests, scripts); use `getToken` in apps, tokens expire. */
  token?: string;
  /** The transports to try, best first (default all three); falls back when one cannot open. */
  transports?: readonly TransportName[];
  /** Drivers where the runtime has none (Node): `ws`, the `eventsource` package, a fetch. */
  WebSocket?: WebSocketLike;
  EventSource?: EventSourceLike;
  fetch?: typeof fetch;
  /** Resume after this seq (a cursor the app kept); default: live from the head. */
  after?: number;
  /** Injected time (tests). */
  clock?: Clock;
  /** Injected randomness for backoff jitter (tests). */
  random?: () => number;
  /** How long a released view or an unused stream is kept (default 5 s). */
  releaseGraceMs?: number;
  /** Silence after which a stream counts as stalled (default 35 s; heartbeats come every 15 s). */
  stallAfterMs?: number;
  /** How often the stall watchdog looks (default 5 s). */
  watchdogMs?: number;
}

/** The client: one live stream, the local store's views, and sends. See `createClient`. */
export interface SwitchboardClient {
  /** The connection's state and its changes. */
  readonly connection: {
    /** Bound: may be passed around on its own (as `useSyncExternalStore` does). */
    readonly getState: () => ConnectionState;
    readonly subscribe: (listener: (state: ConnectionState) => void) => () => void;
    /** Connects again after `unauthorized` (the app has a new credential). */
    reconnect(): void;
  };
  /** Every event of the token's scope, once, in seq order, across reconnects; opens the stream. */
  onEvent(listener: (event: SwitchboardEvent) => void): () => void;
  /** The stream could not be resumed (its cursor was older than the server keeps): views reload. */
  onResync(listener: () => void): () => void;
  /** The live list of conversations, optionally of one case (`ref`). The same view per query. */
  conversations(query?: ConversationsQuery): ConversationsView;
  /** One live conversation. */
  conversation(id: string): ConversationView;
  /** One conversation's live messages, newest page first, with `loadOlder()`. */
  messages(conversationId: string): MessagesView;
  /** Finds or creates the conversation with a number, under a ref of the token. */
  openConversation(input: { phone: string; ref?: string; channelId?: string }): Promise<Conversation>;
  /** Sends optimistically; see `SendHandle`. The same `clientMessageId` never sends twice. */
  send(conversationId: string, body: SendMessageBody, options?: { clientMessageId?: string }): SendHandle;
  /**
   * Retries a failed message: one refused before the server took it (sent again with its key), or
   * one the provider failed with a retryable error (`POST /v1/messages/:id/retry`).
   */
  retry(message: Message): Promise<Message>;
  /** Forgets a message that failed before the server took it. */
  discard(message: Message): boolean;
  /** Uploads a file for a media send; progress through `onProgress`. */
  uploadMedia(file: Blob, options?: UploadOptions): Promise<UploadedMedia>;
  /** A media file (`message.media.id`) as a Blob, fetched with the token; show it via `URL.createObjectURL`. */
  fetchMedia(mediaId: string): Promise<Blob>;
  /** The channel's synced templates (approved ones unless `status` says otherwise). */
  templates(query?: { channelId?: string; status?: string }): Promise<Template[]>;
  /** Marks the conversation read up to a message (blue ticks per the server's setting). */
  markRead(conversationId: string, upTo?: string): Promise<void>;
  /** Status `closed`: no event is delivered after it. */
  close(): void;
}

const defaultTransports: readonly TransportName[] = ['websocket', 'sse', 'poll'];

/**
 * Creates a client. Nothing connects until something needs the stream (a subscribed view, an
 * `onEvent` listener), and the stream closes again a grace period after the last one is gone.
 * @example
 * const client = createClient({
 *   url: 'https://switchboard.bank.example',
 *   getToken: () => fetch('/api/switchboard-token').then((r) => r.text()),
 * });
 * const view = client.messages(conversationId);
 * const stop = view.subscribe(() => render(view.getSnapshot().messages));
 * client.send(conversationId, { type: 'text', text: { body: 'Hello' } });
 */
export function createClient(options: ClientOptions): SwitchboardClient {
  const url = options.url.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchImpl) throw new SwitchboardError('invalid_options', 'No fetch: pass options.fetch.');
  if (!options.getToken && !options.token) {
    throw new SwitchboardError('invalid_options', 'Pass getToken or token.');
  }
  const releaseGraceMs = options.releaseGraceMs ?? 5000;
  const tokens = new TokenSource(options.getToken, options.token);
  const WebSocketImpl = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketLike | undefined);
  const EventSourceImpl =
    options.EventSource ?? (globalThis.EventSource as unknown as EventSourceLike | undefined);
  const opener: Record<TransportName, TransportFactory['open']> = {
    websocket: WebSocketImpl ? openWebSocket(WebSocketImpl) : null,
    sse: EventSourceImpl ? openEventSource(EventSourceImpl) : null,
    poll: openLongPoll(fetchImpl),
  };
  const env = browserEnvironment();
  const stream = new StreamController({
    url,
    transports: (options.transports ?? defaultTransports).map((name) => ({ name, open: opener[name] })),
    tokens,
    clock,
    random,
    after: options.after ?? null,
    stallAfterMs: options.stallAfterMs ?? 35_000,
    watchdogMs: options.watchdogMs ?? 5000,
    environment: env,
  });
  const rest = new Rest({ url, fetch: fetchImpl, tokens, onUnauthorized: () => stream.idle() });
  const store = new LocalStore();
  const sends = new SendQueue(rest, clock, random);
  stream.events.add((event) => store.apply(event));
  stream.resyncs.add(() => store.resync());

  // Demand: subscribed views and event listeners keep the stream open.
  let demand = 0;
  const idleTimer = new Timer(clock);
  const retain = () => {
    if (demand++ === 0) idleTimer.clear();
    stream.connect();
  };
  const release = () => {
    if (--demand === 0) idleTimer.set(() => stream.idle(), releaseGraceMs);
  };
  /** Resolves once the stream is live; rejects once it is unauthorized or closed. */
  const whenLive = () =>
    new Promise<void>((resolve, reject) => {
      const check = ({ status, reason }: ConnectionState) => {
        if (status === 'live') resolve();
        else if (status === 'unauthorized' || status === 'closed') {
          reject(new SwitchboardError(status, `Connection ${status} (${reason}).`));
        } else return;
        off();
      };
      const off = stream.states.add(check);
      check(stream.getState());
    });
  const host: ViewHost = {
    clock,
    releaseGraceMs,
    store,
    retain,
    release,
    get: <T>(resource: string) => whenLive().then(() => rest.get<T>(resource)),
  };
  // One view per key while it lives: a second `messages(id)` (StrictMode's second mount) shares it.
  const cache = new Map<string, object>();
  const cached = <V extends object>(key: string, make: (register: (view: object) => () => void) => V): V =>
    (cache.get(key) as V | undefined) ??
    make((view) => {
      cache.set(key, view);
      return () => {
        if (cache.get(key) === view) cache.delete(key);
      };
    });
  const offOnline = env?.on('online', () => sends.wake());

  return {
    connection: {
      getState: () => stream.getState(),
      subscribe: (listener) => stream.states.add(listener),
      reconnect: () => stream.connect(),
    },
    onEvent(listener) {
      const off = stream.events.add(listener);
      retain();
      return onlyOnce(() => {
        off();
        release();
      });
    },
    onResync: (listener) => stream.resyncs.add(listener),
    conversations: (query = {}) =>
      cached(
        `c:${query.ref ?? ''}:${query.q ?? ''}`,
        (register) => new ConversationsView(host, query, register),
      ),
    conversation: (id) => cached(`1:${id}`, (register) => new ConversationView(host, id, register)),
    messages: (id) => cached(`m:${id}`, (register) => new MessagesView(host, id, sends, register)),
    async openConversation(input) {
      const { conversation } = await rest.post<{ conversation: Conversation }>('/v1/conversations', input);
      return store.put(conversation);
    },
    send: (conversationId, body, sendOptions = {}) =>
      sends.send(conversationId, body, sendOptions.clientMessageId ?? newClientMessageId()),
    async retry(message) {
      const local = message.clientMessageId !== null ? sends.retry(message.clientMessageId) : null;
      if (local) return local.done;
      return (await rest.post<{ message: Message }>(path`/v1/messages/${message.id}/retry`)).message;
    },
    discard: (message) => message.clientMessageId !== null && sends.discard(message.clientMessageId),
    uploadMedia: (file, uploadOptions) =>
      uploadMedia(
        rest,
        url,
        fetchImpl,
        typeof XMLHttpRequest === 'undefined' ? null : XMLHttpRequest,
        file,
        uploadOptions,
      ),
    fetchMedia: (mediaId) => rest.blob(path`/v1/media/${mediaId}`),
    async templates(query = {}) {
      const { status = 'APPROVED', channelId } = query;
      return (await rest.get<{ data: Template[] }>(withQuery('/v1/templates', { status, channelId }))).data;
    },
    async markRead(conversationId, upTo) {
      await rest.post(path`/v1/conversations/${conversationId}/read`, upTo === undefined ? {} : { upTo });
    },
    close() {
      offOnline?.();
      idleTimer.clear();
      sends.close();
      stream.close();
    },
  };
}

/** The page's window and document, looked up when a client is created (never at import). */
function browserEnvironment(): BrowserEnvironment | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  return {
    on(type, listener) {
      // Visibility is the document's event; online and offline are the window's.
      const target = type === 'visibilitychange' ? document : window;
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    },
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    isVisible: () => document.visibilityState !== 'hidden',
  };
}
