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
  /** A token is renewed this long before its `exp` (the server ends a stream at `exp`). */
  refreshAheadMs: number;
  /** getToken failures in a row before the connection gives up (`unauthorized`). */
  maxTokenFailures: number;
  /** The window and document, where there are (offline/online, visibility); null in Node. */
  environment: BrowserEnvironment | null;
}

export interface BrowserEnvironment {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  isOnline(): boolean;
  isVisible(): boolean;
}

/**
 * The one stream of a client: opens the best transport that works, resumes from the cursor on
 * every reconnect, drops what it has already delivered, and keeps the state machine informed.
 * Every event of the caller's scope reaches `onEvent` once, in seq order, across reconnects,
 * transport changes and token renewals (which swap streams only once the new one is ready).
 */
export class StreamController {
  private state: ConnectionState;
  readonly states = new Listeners<ConnectionState>();
  readonly events = new Listeners<SwitchboardEvent>();
  /** The cursor could not be resumed: whatever was built from events must be reloaded. */
  readonly resyncs = new Listeners<void>();
  private transport: Transport | null = null;
  /** A stream opened with a renewed token, not yet ready; it replaces `transport` when it is. */
  private successor: Transport | null = null;
  /** Index of the transport that last reached ready: reconnects start there. */
  private preferred = 0;
  private attempt = 0;
  private authRetried = false;
  private tokenFailures = 0;
  private generation = 0;
  private lastAlive = 0;
  private lastTick = 0;
  private readonly retryTimer: Timer;
  private readonly watchdogTimer: Timer;
  private readonly unlisten: (() => void)[] = [];

  constructor(private readonly o: StreamControllerOptions) {
    this.state = initialConnectionState(o.after);
    this.retryTimer = new Timer(o.clock);
    this.watchdogTimer = new Timer(o.clock);
  }

  getState(): ConnectionState {
    return this.state;
  }

  /** Opens the stream (if idle, or after `unauthorized`: the app has a new credential). */
  connect(): void {
    if (this.state.status !== 'idle' && this.state.status !== 'unauthorized') return;
    this.authRetried = false;
    this.tokenFailures = 0;
    this.dispatch({ type: 'connect' });
    this.listenToEnvironment();
    if (this.o.environment && !this.o.environment.isOnline()) return this.dispatch({ type: 'offline' });
    void this.open(this.preferred, false);
  }

  /** Nobody needs the stream: close it; `connect()` opens it again from the cursor. */
  idle(): void {
    this.stopStreams();
    this.dispatch({ type: 'idle' });
  }

  /** Final: no event is delivered after it. */
  close(): void {
    this.stopStreams();
    for (const off of this.unlisten.splice(0)) off();
    this.dispatch({ type: 'close' });
  }

  private dispatch(event: ConnectionEvent): void {
    const next = transition(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.states.emit(next);
  }

  private stopStreams(): void {
    this.generation++;
    this.transport?.close();
    this.successor?.close();
    this.transport = this.successor = null;
    this.retryTimer.clear();
    this.watchdogTimer.clear();
  }

  /** One attempt on transport `index`; `fresh`: fetch a new token first (every reconnect). */
  private async open(index: number, fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    let token: string;
    try {
      token = await (fresh && this.o.tokens.renewable ? this.o.tokens.fresh() : this.o.tokens.get());
      this.tokenFailures = 0;
    } catch {
      if (generation !== this.generation) return;
      if (++this.tokenFailures >= this.o.maxTokenFailures || !this.o.tokens.renewable) {
        return this.dispatch({ type: 'denied', reason: 'token_refresh_failed' });
      }
      return this.scheduleRetry('token_refresh_failed', this.backoff());
    }
    if (generation !== this.generation) return;
    const factory = this.o.transports[index];
    if (!factory?.open) return this.nextTransport(index);
    let readied = false;
    this.transport = factory.open(
      { url: this.o.url, token, after: this.state.cursor },
      {
        ready: (frame) => {
          readied = true;
          this.preferred = index;
          this.attempt = 0;
          this.authRetried = false;
          this.onReady(frame, factory.name);
        },
        event: (event) => this.deliver(event),
        alive: () => {
          this.lastAlive = this.o.clock.now();
        },
        closed: (outcome) => {
          if (generation !== this.generation) return;
          this.transport = null;
          this.onClosed(outcome, index, readied);
        },
      },
    );
  }

  private onReady(frame: ReadyFrame, transport: ConnectionState['transport'] & string): void {
    const cursor = this.state.cursor;
    const resync = cursor !== null && !frame.recovered;
    this.dispatch({
      type: 'ready',
      transport,
      cursor: cursor === null || !frame.recovered ? frame.head : cursor,
    });
    if (resync) this.resyncs.emit();
    this.lastAlive = this.lastTick = this.o.clock.now();
    this.watch();
  }

  private deliver(event: SwitchboardEvent): void {
    const cursor = this.state.cursor;
    if (cursor !== null && event.seq <= cursor) return;
    this.dispatch({ type: 'event', seq: event.seq });
    this.events.emit(event);
  }

  private onClosed(outcome: TransportOutcome, index: number, readied: boolean): void {
    this.watchdogTimer.clear();
    this.successor?.close();
    this.successor = null;
    switch (outcome.kind) {
      case 'failed':
        // Could not open: the next transport in the list, at once; a stream that was open: backoff.
        if (!outcome.opened && !readied) return this.nextTransport(index);
        return this.scheduleRetry('connection_lost', this.backoff());
      case 'ended':
        if (outcome.reason === 'slow_consumer') return this.scheduleRetry('slow_consumer', 0);
        return this.scheduleRetry(
          outcome.reason === 'shutdown' ? 'server_restart' : 'server_error',
          this.backoff(),
        );
      case 'auth':
        // Once: a new token and straight back. Refused again without a ready in between: give up.
        if (this.authRetried || !this.o.tokens.renewable)
          return this.dispatch({ type: 'denied', reason: 'unauthorized' });
        this.authRetried = true;
        return this.scheduleRetry('token_expired', 0);
      case 'denied':
        return this.dispatch({ type: 'denied', reason: outcome.reason });
    }
  }

  private nextTransport(index: number): void {
    for (let next = index + 1; next < this.o.transports.length; next++) {
      if (this.o.transports[next]!.open) return void this.open(next, false);
    }
    this.scheduleRetry('connection_lost', this.backoff());
  }

  private backoff(): number {
    return fullJitterDelay(this.attempt++, this.o.random);
  }

  private scheduleRetry(reason: ConnectionReason, delayMs: number): void {
    this.dispatch({ type: 'lost', reason, retryInMs: delayMs });
    this.retryTimer.set(() => this.retryNow(), delayMs);
  }

  /** Skips the backoff (back online, tab visible, timer elapsed). */
  private retryNow(): void {
    if (this.state.status !== 'reconnecting' && this.state.status !== 'offline') return;
    this.retryTimer.clear();
    this.dispatch({ type: 'retry' });
    void this.open(this.preferred, true);
  }

  /**
   * The watchdog runs on wall-clock time, so timers paused by a sleeping laptop cannot hide a dead
   * stream: the first tick after waking sees the silence (or the jump) and reconnects at once
   * with a fresh token. It also renews the token ahead of `exp`.
   */
  private watch(): void {
    this.watchdogTimer.set(() => {
      const now = this.o.clock.now();
      const slept = now - this.lastTick > this.o.watchdogMs * 3;
      this.lastTick = now;
      if (this.state.status !== 'live') return;
      if (slept || now - this.lastAlive > this.o.stallAfterMs) {
        this.stopStreams();
        return this.scheduleRetry('stalled', 0);
      }
      const renewAt = this.o.tokens.renewAt(this.o.refreshAheadMs);
      if (renewAt !== null && this.o.tokens.renewable && !this.successor && now >= renewAt) {
        void this.renew();
      }
      this.watch();
    }, this.o.watchdogMs);
  }

  /** Make before break: a stream with the new token, from the cursor; it takes over once ready. */
  private async renew(): Promise<void> {
    const generation = this.generation;
    let token: string;
    try {
      token = await this.o.tokens.fresh();
    } catch {
      return; // The current stream goes on; its end at `exp` takes the normal path.
    }
    const factory = this.o.transports[this.preferred];
    if (generation !== this.generation || !factory?.open || this.state.status !== 'live') return;
    const successor = factory.open(
      { url: this.o.url, token, after: this.state.cursor },
      {
        ready: () => {
          if (this.successor !== successor) return;
          const old = this.transport;
          this.transport = successor;
          this.successor = null;
          old?.close();
        },
        // Both streams are gap-free from a cursor at or before ours, so taking any seq above the
        // cursor from either keeps the order, and `deliver` drops what one already gave.
        event: (event) => this.deliver(event),
        alive: () => {
          this.lastAlive = this.o.clock.now();
        },
        closed: (outcome) => {
          if (this.successor === successor) {
            this.successor = null;
            return;
          }
          if (this.transport === successor && generation === this.generation) {
            this.transport = null;
            this.onClosed(outcome, this.preferred, true);
          }
        },
      },
    );
    this.successor = successor;
  }

  private listenToEnvironment(): void {
    const env = this.o.environment;
    if (!env || this.unlisten.length > 0) return;
    const on = (type: string, listener: () => void) => {
      env.addEventListener(type, listener);
      this.unlisten.push(() => env.removeEventListener(type, listener));
    };
    on('offline', () => {
      if (
        this.state.status === 'idle' ||
        this.state.status === 'unauthorized' ||
        this.state.status === 'closed'
      )
        return;
      this.stopStreams();
      this.dispatch({ type: 'offline' });
    });
    on('online', () => this.retryNow());
    on('visibilitychange', () => {
      if (env.isVisible()) this.retryNow();
    });
  }
}
