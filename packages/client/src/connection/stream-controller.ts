import type { ReadyFrame, SwitchboardEvent } from '@switchboard/protocol';
import { Listeners } from '../listeners.js';
import type { Transport, TransportFactory, TransportOutcome } from '../transports/transport.js';
import { fullJitterDelay } from './backoff.js';
import { Timer, type Clock } from './clock.js';
import {
  initialConnectionState,
  transition,
  type ConnectionEvent,
  type ConnectionReason,
  type ConnectionState,
  type DeniedReason,
  type TransportName,
} from './state-machine.js';
import type { TokenSource } from './token-source.js';

export interface StreamControllerOptions {
  url: string;
  transports: readonly TransportFactory[];
  tokens: TokenSource;
  clock: Clock;
  random: () => number;
  after: number | null;
  /** No frame for this long (a heartbeat comes every 15 s) means the stream is dead. */
  stallAfterMs: number;
  /** How often the watchdog looks; a tick much later than this means the machine slept. */
  watchdogMs: number;
  /** The window and document, where there are (offline/online, visibility); null in Node. */
  environment: BrowserEnvironment | null;
}

export interface BrowserEnvironment {
  /** Listens to the page's `online`, `offline` or `visibilitychange`; returns the undo. */
  on(type: 'online' | 'offline' | 'visibilitychange', listener: () => void): () => void;
  isOnline(): boolean;
  isVisible(): boolean;
}

/** A token is renewed this long before its `exp` (the server ends a stream at `exp`). */
const refreshAheadMs = 60_000;
/** getToken failures in a row before the connection gives up (`unauthorized`). */
const maxTokenFailures = 3;

/**
 * The one stream of a client: opens the best transport that works, resumes from the cursor on
 * every reconnect, drops what it has already delivered, and keeps the state machine informed.
 * Every event of the caller's scope reaches `onEvent` once, in seq order, across reconnects,
 * transport changes and token renewals (which swap streams only once the new one is ready).
 */
export class StreamController {
  readonly #o: StreamControllerOptions;
  readonly #tokens: TokenSource;
  #state: ConnectionState;
  readonly states = new Listeners<ConnectionState>();
  readonly events = new Listeners<SwitchboardEvent>();
  /** The cursor could not be resumed: whatever was built from events must be reloaded. */
  readonly resyncs = new Listeners<void>();
  #transport: Transport | null = null;
  /** A stream opened with a renewed token, not yet ready; it replaces `#transport` when it is. */
  #successor: Transport | null = null;
  /** Index of the transport that last reached ready: reconnects start there. */
  #preferred = 0;
  #attempt = 0;
  #authRetried = false;
  #tokenFailures = 0;
  /** Bumped whenever the streams are stopped: callbacks of an older generation are ignored. */
  #generation = 0;
  #lastAlive = 0;
  #lastTick = 0;
  readonly #retryTimer: Timer;
  readonly #watchdogTimer: Timer;
  readonly #unlisten: (() => void)[] = [];

  constructor(o: StreamControllerOptions) {
    this.#o = o;
    this.#tokens = o.tokens;
    this.#state = initialConnectionState(o.after);
    this.#retryTimer = new Timer(o.clock);
    this.#watchdogTimer = new Timer(o.clock);
  }

  getState(): ConnectionState {
    return this.#state;
  }

  /** Opens the stream (if idle, or after `unauthorized`: the app has a new credential). */
  connect(): void {
    if (this.#state.status !== 'idle' && this.#state.status !== 'unauthorized') return;
    this.#authRetried = false;
    this.#tokenFailures = 0;
    this.#dispatch({ type: 'connect' });
    this.#listenToEnvironment();
    if (this.#o.environment?.isOnline() === false) return this.#dispatch({ type: 'offline' });
    void this.#open(this.#preferred, false);
  }

  /** Nobody needs the stream: close it; `connect()` opens it again from the cursor. */
  idle(): void {
    this.#stopStreams();
    this.#dispatch({ type: 'idle' });
  }

  /** Final: no event is delivered after it. */
  close(): void {
    this.#stopStreams();
    for (const off of this.#unlisten.splice(0)) off();
    this.#dispatch({ type: 'close' });
  }

  #dispatch(event: ConnectionEvent): void {
    const next = transition(this.#state, event);
    if (next === this.#state) return;
    this.#state = next;
    this.states.emit(next);
  }

  #deny(reason: DeniedReason): void {
    this.#dispatch({ type: 'denied', reason });
  }

  #stopStreams(): void {
    this.#generation++;
    this.#transport?.close();
    this.#successor?.close();
    this.#transport = this.#successor = null;
    this.#retryTimer.clear();
    this.#watchdogTimer.clear();
  }

  /** One attempt on transport `index`; `fresh`: fetch a new token first (every reconnect). */
  async #open(index: number, fresh: boolean): Promise<void> {
    const generation = ++this.#generation;
    const tokens = this.#tokens;
    let token: string;
    try {
      token = await (fresh && tokens.renewable ? tokens.fresh() : tokens.get());
      this.#tokenFailures = 0;
    } catch {
      if (generation !== this.#generation) return;
      if (++this.#tokenFailures >= maxTokenFailures || !tokens.renewable) {
        return this.#deny('token_refresh_failed');
      }
      return this.#scheduleRetry('token_refresh_failed', this.#backoff());
    }
    if (generation !== this.#generation) return;
    const stream = this.#start(index, token, false);
    if (!stream) return this.#nextTransport(index);
    this.#transport = stream;
  }

  /**
   * Opens transport `index` (null when the runtime lacks it). A `renewal` is a successor: when it
   * is ready it takes over from the current stream, which goes on until then. Nothing the stream
   * delivers after its `closed`, or after it was closed, gets through.
   */
  #start(index: number, token: string, renewal: boolean): Transport | null {
    const factory = this.#o.transports[index];
    if (!factory?.open) return null;
    const generation = this.#generation;
    let readied = false;
    let done = false;
    const opened = factory.open(
      { url: this.#o.url, token, after: this.#state.cursor },
      {
        ready: (frame) => {
          if (done) return;
          readied = true;
          if (renewal) this.#takeOver(stream);
          else this.#onReady(frame, index, factory.name);
        },
        // Both streams of a renewal are gap-free from a cursor at or before ours, so taking any seq
        // above the cursor from either keeps the order, and `#deliver` drops what one already gave.
        event: (event) => done || this.#deliver(event),
        alive: () => {
          if (!done) this.#lastAlive = this.#o.clock.now();
        },
        closed: (outcome) => {
          if (done) return;
          done = true;
          // A renewal that ended before taking over: the current stream goes on.
          if (this.#successor === stream) return void (this.#successor = null);
          if (generation !== this.#generation || (renewal && this.#transport !== stream)) return;
          this.#transport = null;
          this.#onClosed(outcome, index, readied);
        },
      },
    );
    const stream: Transport = {
      close: () => {
        done = true;
        opened.close();
      },
    };
    return stream;
  }

  #onReady(frame: ReadyFrame, index: number, transport: TransportName): void {
    this.#preferred = index;
    this.#attempt = 0;
    this.#authRetried = false;
    const cursor = this.#state.cursor;
    const resumed = cursor !== null && frame.recovered;
    this.#dispatch({ type: 'ready', transport, cursor: resumed ? cursor : frame.head, head: frame.head });
    if (cursor !== null && !resumed) this.resyncs.emit();
    this.#lastAlive = this.#lastTick = this.#o.clock.now();
    this.#watch();
  }

  /** A renewal is ready: it becomes the stream, and the old one is closed. */
  #takeOver(successor: Transport): void {
    if (this.#successor !== successor) return;
    const old = this.#transport;
    this.#transport = successor;
    this.#successor = null;
    old?.close();
  }

  #deliver(event: SwitchboardEvent): void {
    const cursor = this.#state.cursor;
    if (cursor !== null && event.seq <= cursor) return;
    this.#dispatch({ type: 'event', seq: event.seq });
    this.events.emit(event);
  }

  #onClosed(outcome: TransportOutcome, index: number, readied: boolean): void {
    this.#watchdogTimer.clear();
    this.#successor?.close();
    this.#successor = null;
    switch (outcome.kind) {
      case 'failed':
        // Could not open: the next transport in the list, at once; a stream that was open: backoff.
        if (!outcome.opened && !readied) return this.#nextTransport(index);
        return this.#scheduleRetry('connection_lost', this.#backoff());
      case 'ended':
        if (outcome.reason === 'slow_consumer') return this.#scheduleRetry('slow_consumer', 0);
        return this.#scheduleRetry(
          outcome.reason === 'shutdown' ? 'server_restart' : 'server_error',
          this.#backoff(),
        );
      case 'auth':
        // Once: a new token and straight back. Refused again without a ready in between: give up.
        if (this.#authRetried || !this.#tokens.renewable) return this.#deny('unauthorized');
        this.#authRetried = true;
        return this.#scheduleRetry('token_expired', 0);
      case 'denied':
        return this.#deny(outcome.reason);
    }
  }

  #nextTransport(index: number): void {
    const transports = this.#o.transports;
    for (let next = index + 1; next < transports.length; next++) {
      if (transports[next]!.open) return void this.#open(next, false);
    }
    this.#scheduleRetry('connection_lost', this.#backoff());
  }

  #backoff(): number {
    return fullJitterDelay(this.#attempt++, this.#o.random);
  }

  #scheduleRetry(reason: ConnectionReason, delayMs: number): void {
    this.#dispatch({ type: 'lost', reason, retryInMs: delayMs });
    this.#retryTimer.set(() => this.#retryNow(), delayMs);
  }

  /** Skips the backoff (back online, tab visible, timer elapsed). */
  #retryNow(): void {
    if (this.#state.status !== 'reconnecting' && this.#state.status !== 'offline') return;
    this.#retryTimer.clear();
    this.#dispatch({ type: 'retry' });
    void this.#open(this.#preferred, true);
  }

  /**
   * The watchdog runs on wall-clock time, so timers paused by a sleeping laptop cannot hide a dead
   * stream: the first tick after waking sees the silence (or the jump) and reconnects at once
   * with a fresh token. It also renews the token ahead of `exp`.
   */
  #watch(): void {
    const { clock, watchdogMs, stallAfterMs } = this.#o;
    this.#watchdogTimer.set(() => {
      const now = clock.now();
      const slept = now - this.#lastTick > watchdogMs * 3;
      this.#lastTick = now;
      if (this.#state.status !== 'live') return;
      if (slept || now - this.#lastAlive > stallAfterMs) {
        this.#stopStreams();
        return this.#scheduleRetry('stalled', 0);
      }
      const renewAt = this.#tokens.renewAt(refreshAheadMs);
      if (renewAt !== null && this.#tokens.renewable && !this.#successor && now >= renewAt) {
        void this.#renew();
      }
      this.#watch();
    }, watchdogMs);
  }

  /** Make before break: a stream with the new token, from the cursor; it takes over once ready. */
  async #renew(): Promise<void> {
    const generation = this.#generation;
    let token: string;
    try {
      token = await this.#tokens.fresh();
    } catch {
      return; // The current stream goes on; its end at `exp` takes the normal path.
    }
    if (generation !== this.#generation || this.#state.status !== 'live') return;
    this.#successor = this.#start(this.#preferred, token, true);
  }

  #listenToEnvironment(): void {
    const env = this.#o.environment;
    if (!env || this.#unlisten.length > 0) return;
    this.#unlisten.push(
      env.on('offline', () => {
        const status = this.#state.status;
        if (status === 'idle' || status === 'unauthorized' || status === 'closed') return;
        this.#stopStreams();
        this.#dispatch({ type: 'offline' });
      }),
      env.on('online', () => this.#retryNow()),
      env.on('visibilitychange', () => {
        if (env.isVisible()) this.#retryNow();
      }),
    );
  }
}
