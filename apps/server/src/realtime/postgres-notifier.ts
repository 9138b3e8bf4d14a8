import pg from 'pg';
import { backoffDelay } from '../lib/backoff.js';
import { eventChannel } from '../store/kysely/event-appender.js';
import type { Store } from '../store/store.js';
import type { EventNotifier } from './event-notifier.js';

export interface PostgresNotifierOptions {
  /** The same database the store uses; the notifier holds one extra connection to it. */
  connectionString: string;
  /** `headSeq` for the safety nets; `onCommit` so this node's own commits skip the round trip. */
  store: Pick<Store, 'headSeq' | 'onCommit'>;
  /** How often the head is read even when notifications arrive (a silently dead connection). */
  pollIntervalMs?: number;
  /** Reconnect backoff: doubles from `minDelayMs` up to `maxDelayMs`, with jitter. */
  reconnect?: { minDelayMs: number; maxDelayMs: number };
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Tells the listening session apart in `pg_stat_activity`. */
  applicationName?: string;
}

const defaults = { pollIntervalMs: 5000, reconnect: { minDelayMs: 100, maxDelayMs: 5000 } };

/**
 * The EventNotifier of several nodes on one PostgreSQL: a dedicated connection `LISTEN`s on
 * `switchboard_events`, to which every appending transaction sends its last seq (delivered at
 * commit, in commit order). A notification is only a hint; what may be lost is covered twice:
 * - when the connection drops, it reconnects with backoff and, once listening again, reads the
 *   head and tells listeners, since notifications sent while it was away are gone;
 * - every `pollIntervalMs` it reads the head anyway, for a connection that died without an error.
 * Listeners hear a non-decreasing seq; a seq already told is not told again.
 */
export class PostgresEventNotifier implements EventNotifier {
  private readonly listeners = new Set<(seq: number) => void>();
  private readonly pollIntervalMs: number;
  private readonly reconnectDelays: { minDelayMs: number; maxDelayMs: number };
  private client: pg.Client | null = null;
  private told = 0;
  private closed = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private stopLocal: (() => void) | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: PostgresNotifierOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? defaults.pollIntervalMs;
    this.reconnectDelays = options.reconnect ?? defaults.reconnect;
  }

  subscribe(listener: (seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once listening; rejects when the first connection fails (the server cannot start). */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  private async begin(): Promise<void> {
    this.stopLocal = this.options.store.onCommit((seq) => this.tell(seq));
    await this.listen();
    // Read after LISTEN: a commit just before it was notified to nobody, but the head shows it.
    this.tell(await this.options.store.headSeq());
    this.pollTimer = setInterval(() => this.catchUp('poll'), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopLocal?.();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'switchboard-notifier',
      keepAlive: true,
    });
    // Registered before connecting: an error or end at any point leads to one reconnect.
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (!this.closed) this.scheduleReconnect(error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== eventChannel) return;
      const seq = Number(message.payload);
      if (Number.isSafeInteger(seq)) this.tell(seq);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${eventChannel}`);
    } catch (error) {
      lost = true;
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      lost = true;
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(error?: Error): void {
    const { minDelayMs, maxDelayMs } = this.reconnectDelays;
    // Nodes that lost the database together do not all come back in the same millisecond.
    const delay = backoffDelay(this.failures, { baseMs: minDelayMs, capMs: maxDelayMs, jitter: 'half' });
    this.failures += 1;
    this.options.log?.warn(
      { err: error, attempt: this.failures, delayMs: delay },
      'event notifier lost its PostgreSQL connection; reconnecting',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        () => {
          if (this.closed) return;
          this.options.log?.info({ attempts: this.failures }, 'event notifier listening again');
          this.failures = 0;
          // Whatever was committed while we were not listening was notified to nobody.
          this.catchUp('reconnect');
        },
        (err: unknown) => {
          if (!this.closed) this.scheduleReconnect(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private catchUp(reason: 'poll' | 'reconnect'): void {
    this.options.store.headSeq().then(
      (seq) => this.tell(seq),
      (err: unknown) => this.options.log?.warn({ err, reason }, 'event notifier could not read the head'),
    );
  }

  private tell(seq: number): void {
    if (this.closed || seq <= this.told) return;
    this.told = seq;
    for (const listener of this.listeners) listener(seq);
  }
}
