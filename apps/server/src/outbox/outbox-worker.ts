import { PassLoop } from '../lib/pass-loop.js';
import { TxBatcher } from '../store/tx-batcher.js';
import { ProviderRequestError } from '../providers/provider-request-error.js';
import type { MessageError } from '@switchboard/protocol';
import { PAIR_RATE_INTERVAL_MS } from '@switchboard/whatsapp';
import type { FastifyBaseLogger } from 'fastify';
import type { OutboxEntry, Store } from '../store/store.js';
import { backoffDelay } from '../lib/backoff.js';
import type { OutboundSend, Provider, ProviderError, SendOutcome } from '../providers/provider.js';
import { PairPace } from './pair-pace.js';
import { SendRateWindow } from './send-rate-window.js';

/** The least time between two reads of due entries while sends finish. */
const passSpacingMs = 5;

export interface OutboxWorkerOptions {
  store: Store;
  log: FastifyBaseLogger;
  /** The adapter that sends for a channel; undefined when the channel cannot send. */
  providerFor: (channelId: string) => Provider | undefined;
  /** Prepares an entry's send (recipient, the provider's ids of quoted messages and media). */
  prepareSend: (entry: OutboxEntry) => Promise<OutboundSend>;
  /** Sends per second per channel (any sliding second); the Cloud API's default is 80. */
  ratePerSecond: (channelId: string) => number;
  pollMs?: number;
  /** How long an attempt owns its entry; longer than the provider client's timeout. */
  leaseMs?: number;
  /** How long an unconfirmed attempt waits for a status webhook before it is sent again. */
  reconcileMs?: number;
  maxAttempts?: number;
  /** The pair rate limit's pace: one message per this many ms per customer (Meta: 6 s). */
  pairLimitDelayMs?: number;
  /** The pair rate limit's burst per customer (Meta: 45). */
  pairBurst?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Sends in flight at once, across conversations (one per conversation at most). */
  maxInFlight?: number;
  now?: () => number;
  /**
   * Webhooks stored but not yet applied. An unconfirmed attempt is not sent again while any wait:
   * the status that would confirm it may be among them.
   */
  inboxBacklog?: () => Promise<number>;
  onSent?: (entry: OutboxEntry, outcome: SendOutcome, startedAt: number) => void;
}

/** The options tests and operators may tune. */
export type OutboxTunable =
  | 'pollMs'
  | 'leaseMs'
  | 'reconcileMs'
  | 'maxAttempts'
  | 'pairLimitDelayMs'
  | 'pairBurst'
  | 'backoffBaseMs'
  | 'backoffCapMs'
  | 'maxInFlight'
  | 'onSent';

/**
 * Sends the outbox (docs/sending.md). Per conversation only the oldest open entry is attempted,
 * so messages leave in the order they were written and a head that waits (backoff, rate limit, an
 * unconfirmed attempt) holds back its own conversation only. Every attempt is leased in the store
 * first: after a crash, an entry whose lease ran out is treated as an attempt that may have left,
 * and is reconciled like any ambiguous one.
 */
export class OutboxWorker {
  private wakeTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly windows = new Map<string, SendRateWindow>();
  private readonly now: () => number;

  private readonly loop: PassLoop;
  /** Leases and outcomes of attempts close together share one transaction. */
  private readonly batch: TxBatcher;
  /** WhatsApp's per-customer pace, kept before it has to say 131056. */
  private readonly pairPace: PairPace;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.batch = new TxBatcher(options.store);
    this.pairPace = new PairPace(options.pairBurst, options.pairLimitDelayMs);
    this.loop = new PassLoop(() => this.pass(), {
      pollMs: options.pollMs ?? 500,
      onError: (err) => options.log.error({ err }, 'outbox pass failed; will retry'),
      busy: () => this.inFlight.size > 0,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.passTimer) clearTimeout(this.passTimer);
    this.wakeTimer = null;
    this.passTimer = null;
    await this.loop.stop();
    await Promise.allSettled(this.inFlight.values());
    this.loop.wakeIfIdle();
  }

  /** Looks for due entries now (or right after the current pass). */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves once nothing is in flight and a pass found nothing due (tests, shutdown). */
  settle(): Promise<void> {
    return this.loop.settle();
  }

  private async pass(): Promise<void> {
    const maxInFlight = this.options.maxInFlight ?? 64;
    const free = maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    const now = this.now();
    const due = await this.options.store.dueOutbox(now, Math.max(free * 2, 64));
    let waitMs = Infinity;
    let started = 0;
    // Counted once a pass: a provider outage can leave many entries unconfirmed at once.
    let backlog: Promise<number> | undefined;
    for (const entry of due) {
      if (started >= free) break;
      if (this.inFlight.has(entry.conversationId)) continue;
      if (entry.state === 'sending') {
        // A lease that ran out: the attempt's process died after the lease, maybe after the request.
        await this.options.store.transaction((tx) =>
          tx.outboxLater(entry.messageId, 'unconfirmed', now + this.reconcileMs(), 'lease expired', now, {
            refundAttempt: true,
          }),
        );
        continue;
      }
      if (entry.state === 'unconfirmed' && (await (backlog ??= this.inboxBacklog())) > 0) {
        waitMs = Math.min(waitMs, 200);
        continue;
      }
      const pairWait = this.pairPace.take(entry.conversationId, now);
      if (pairWait > 0) {
        waitMs = Math.min(waitMs, pairWait);
        continue;
      }
      started += 1;
      const attempt = this.attempt(entry)
        .catch((err: unknown) => {
          // The lease (if taken) runs out and the entry is reconciled; nothing else is lost.
          this.options.log.error({ err, messageId: entry.messageId }, 'outbox attempt failed');
        })
        .finally(() => {
          this.inFlight.delete(entry.conversationId);
          // The conversation's next message may go now; finishes close together share one pass.
          this.kickSoon();
        });
      this.inFlight.set(entry.conversationId, attempt);
    }
    if (waitMs !== Infinity) this.wakeIn(waitMs);
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const { log } = this.options;
    const now = this.now();
    const leased = await this.batch.run((tx) =>
      tx.leaseOutbox(entry.messageId, now + (this.options.leaseMs ?? 60_000), now),
    );
    if (!leased) return;
    const provider = this.options.providerFor(entry.channelId);
    let outcome: SendOutcome;
    if (!provider) {
      outcome = rejected('no_provider', 'No provider', `Channel ${entry.channelId} cannot send.`, false);
    } else {
      try {
        const send = await this.options.prepareSend(leased);
        const arrived =
          entry.state === 'unconfirmed' ? await this.arrivedAlready(provider, leased, send) : null;
        if (arrived) outcome = arrived;
        else {
          // The slot is taken right before the request is written, so the provider sees the sends
          // spaced as they were counted.
          await this.acquireSlot(entry.channelId);
          try {
            outcome = await provider.send(send);
          } finally {
            this.window(entry.channelId).release(this.now());
          }
        }
      } catch (err) {
        // Building the request failed, so nothing left. Uploading its media to the provider may
        // fail for a while (retryable); a quoted message that never got a wamid will not change.
        outcome = rejected(
          'send_failed',
          'Could not send',
          err instanceof Error ? err.message : String(err),
          err instanceof ProviderRequestError && err.retryable,
        );
      }
    }
    this.options.onSent?.(leased, outcome, now);
    try {
      await this.record(leased, outcome);
    } catch (err) {
      // The lease runs out and the entry is reconciled as an attempt that may have left.
      log.error({ err, messageId: entry.messageId }, 'recording a send outcome failed');
    }
  }

  /**
   * Before an unconfirmed attempt is sent again: where the provider can be asked (`findSent`),
   * whether the earlier attempt arrived. One candidate that no other message of ours holds makes
   * the attempt accepted; none lets it be sent again; several, or a failure to ask, keep it
   * unconfirmed (ambiguous), since sending it again could send it twice.
   */
  private async arrivedAlready(
    provider: Provider,
    entry: OutboxEntry,
    send: OutboundSend,
  ): Promise<SendOutcome | null> {
    if (!provider.findSent) return null;
    try {
      const candidates = [];
      for (const id of await provider.findSent(send, { since: entry.createdAt })) {
        const holder = await this.options.store.findMessageByProviderId(entry.channelId, id);
        if (!holder || holder.id === entry.messageId) candidates.push(id);
      }
      if (candidates.length === 0) return null;
      if (candidates.length > 1) {
        return {
          kind: 'ambiguous',
          reason: `${candidates.length} messages at the provider could be this one`,
        };
      }
      return { kind: 'accepted', providerMessageId: candidates[0]! };
    } catch (err) {
      return { kind: 'ambiguous', reason: `could not ask the provider whether it arrived: ${String(err)}` };
    }
  }

  private async record(entry: OutboxEntry, outcome: SendOutcome): Promise<void> {
    const { log } = this.options;
    const now = this.now();
    if (outcome.kind === 'accepted') {
      await this.batch.run((tx) => tx.outboxAccepted(entry.messageId, outcome.providerMessageId, now));
      return;
    }
    if (outcome.kind === 'ambiguous') {
      log.warn(
        { messageId: entry.messageId, reason: outcome.reason },
        'send outcome unknown; waiting for a status',
      );
      if (entry.attempts >= this.maxAttempts()) {
        await this.batch.run((tx) => tx.outboxFailed(entry.messageId, unconfirmedError(outcome.reason), now));
        return;
      }
      await this.batch.run((tx) =>
        tx.outboxLater(entry.messageId, 'unconfirmed', now + this.reconcileMs(), outcome.reason, now),
      );
      return;
    }
    const { error } = outcome;
    if (error.kind === 'rate_limit') {
      // 130429: the channel is over its throughput; slow the whole channel, fail nothing.
      const until = now + (error.retryAfterMs ?? 1000);
      this.window(entry.channelId).pause(until);
      await this.batch.run((tx) =>
        tx.outboxLater(entry.messageId, 'queued', until, describe(error), now, { refundAttempt: true }),
      );
      this.wakeIn(until - now);
      return;
    }
    if (error.kind === 'pair_limit') {
      // 131056: too many messages to this customer; only this conversation waits.
      this.pairPace.exhausted(entry.conversationId, now);
      // A little past the pace, so the retry does not land just before the customer's quota returns.
      const pace = this.options.pairLimitDelayMs ?? PAIR_RATE_INTERVAL_MS;
      const at = now + Math.max(error.retryAfterMs ?? 0, Math.round(pace * (1.05 + Math.random() * 0.1)));
      await this.batch.run((tx) =>
        tx.outboxLater(entry.messageId, 'queued', at, describe(error), now, { refundAttempt: true }),
      );
      this.wakeIn(at - now);
      return;
    }
    if (error.retryable && entry.attempts < this.maxAttempts()) {
      const at =
        now +
        Math.max(
          error.retryAfterMs ?? 0,
          // Full jitter: messages that failed together (a provider outage) do not retry together.
          backoffDelay(entry.attempts, {
            baseMs: this.options.backoffBaseMs ?? 1000,
            capMs: this.options.backoffCapMs ?? 5 * 60_000,
            jitter: 'full',
          }),
        );
      await this.batch.run((tx) => tx.outboxLater(entry.messageId, 'queued', at, describe(error), now));
      this.wakeIn(at - now);
      return;
    }
    await this.batch.run((tx) => tx.outboxFailed(entry.messageId, toMessageError(error), now));
  }

  private window(channelId: string): SendRateWindow {
    let window = this.windows.get(channelId);
    if (!window) {
      window = new SendRateWindow(this.options.ratePerSecond(channelId));
      this.windows.set(channelId, window);
    }
    return window;
  }

  private async acquireSlot(channelId: string): Promise<void> {
    const window = this.window(channelId);
    for (let wait = window.take(this.now()); wait > 0; wait = window.take(this.now())) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
  }

  private passTimer: NodeJS.Timeout | null = null;

  /** A pass within a few ms: many attempts finishing together need one query, not one each. */
  private kickSoon(): void {
    if (this.loop.isStopped || this.passTimer) return;
    this.passTimer = setTimeout(() => {
      this.passTimer = null;
      this.kick();
    }, passSpacingMs);
  }

  private wakeIn(ms: number): void {
    if (this.loop.isStopped || this.wakeTimer) return;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.kick();
      },
      Math.max(1, Math.ceil(ms)),
    );
    this.wakeTimer.unref();
  }

  private inboxBacklog(): Promise<number> {
    return this.options.inboxBacklog?.() ?? Promise.resolve(0);
  }

  private reconcileMs(): number {
    return this.options.reconcileMs ?? 120_000;
  }

  private maxAttempts(): number {
    return this.options.maxAttempts ?? 8;
  }
}

function rejected(code: string, title: string, message: string, retryable: boolean): SendOutcome {
  return {
    kind: 'rejected',
    error: {
      code,
      title,
      message,
      details: null,
      retryable,
      retryAfterMs: null,
      kind: 'other',
      httpStatus: 0,
      subcode: null,
      fbtraceId: null,
    },
  };
}

function describe(error: ProviderError): string {
  return `${error.code} ${error.title}: ${error.message}`;
}

function toMessageError(error: ProviderError): MessageError {
  return {
    code: error.code,
    title: error.title,
    message: error.message,
    details: error.details,
    // An expired token or a bad request can succeed once someone fixes it: the retry endpoint exists for that.
    retryable: error.retryable || error.kind === 'auth',
  };
}

function unconfirmedError(reason: string): MessageError {
  return {
    code: 'unconfirmed',
    title: 'Send not confirmed',
    message: `No answer and no status from the provider after several attempts (${reason}).`,
    details: null,
    retryable: true,
  };
}
