import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../lib/backoff.js';
import { PassLoop } from '../lib/pass-loop.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';
import type { Store, StoredWebhook } from '../store/store.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { InboundBatch } from '../domain/inbound-batch.js';
import { processWebhook } from './process-webhook.js';

/** A stored webhook's body as an inbound batch, by its provider (providers/webhook-normalizer.ts). */
export type Normalizer = (
  provider: string,
  body: Buffer,
  receivedAt: number,
) => InboundBatch | Promise<InboundBatch>;

export interface InboxWorkerOptions {
  store: Store;
  registry: ChannelRegistry;
  normalize: Normalizer;
  metrics: Metrics;
  log: FastifyBaseLogger;
  pollMs?: number;
  /** Webhooks applied per transaction; small enough that a batch never holds the event loop long. */
  batchSize?: number;
  /** Webhooks per transaction while behind: a batch holds up the requests arriving meanwhile. */
  busyBatchSize?: number;
  /** Waits between batches while behind (tests observe it). */
  pause?: (ms: number) => Promise<void>;
  /** Webhooks per second the receiver is taking; processing compares it with its own pace. */
  arrivalRate?: () => number;
  now?: () => number;
  /** Called after a batch that brought inbound media is applied (its downloads are due). */
  onMediaApplied?: () => void;
}

const maxBackoffMs = 60 * 60 * 1000;
/** The share of the event loop processing may take while behind and webhooks keep arriving. */
const backlogShare = 1 / 3;
/** The share while webhooks arrive faster than processing applies them (overrun). */
const overrunShare = 0.05;

/**
 * Processes the webhooks the receiver stored: right after each commit (the receiver kicks it), at
 * start (a crash between storing and processing loses nothing) and after a failure, with
 * exponential backoff. Webhooks are applied in batches, one transaction each, in arrival order; a
 * webhook is marked processed only in the transaction that applied it. When a batch fails, its
 * webhooks are retried one by one so that one bad webhook cannot hold back the others, and a
 * failing webhook is retried later, never skipped.
 */
export class InboxWorker {
  private readonly batchSize: number;
  private readonly busyBatchSize: number;
  /** How long applying one webhook takes, smoothed over recent batches (ms); null until measured. */
  private msPerWebhook: number | null = null;

  private readonly loop: PassLoop;

  constructor(private readonly options: InboxWorkerOptions) {
    this.loop = new PassLoop(() => this.drain(), {
      pollMs: options.pollMs ?? 5000,
      onError: (err) => options.log.error({ err }, 'inbox worker pass failed; will retry'),
    });
    this.batchSize = options.batchSize ?? 50;
    this.busyBatchSize = Math.min(this.batchSize, options.busyBatchSize ?? 10);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves once a pass that started after this call found nothing more that is due. */
  settle(): Promise<void> {
    return this.loop.settle();
  }

  /** Processes every due webhook; resolves when none is left due. */
  async drain(): Promise<void> {
    const { store, metrics, log } = this.options;
    const now = this.options.now ?? Date.now;
    const attempted = new Set<string>();
    let share = 1;
    try {
      while (!this.loop.isStopped) {
        // A row whose failure could not even be recorded stays due: it is left for the next pass.
        const size: number = share < 1 ? this.busyBatchSize : this.batchSize;
        const due: StoredWebhook[] = (await store.dueWebhooks(now(), size)).filter(
          (w) => !attempted.has(w.id),
        );
        if (due.length === 0) break;
        for (const webhook of due) attempted.add(webhook.id);
        const started = performance.now();
        await this.processBatch(due, now());
        const elapsed = performance.now() - started;
        // Paced on full batches only: small ones pay a commit each, and would make the pace look
        // slower the longer a burst lasts.
        if (due.length === this.batchSize) this.measure(elapsed, due.length);
        share = this.shareAfter(due.length === size);
        const pauseMs = share < 1 ? (elapsed * (1 - share)) / share : 0;
        if (pauseMs >= 1) await (this.options.pause ?? sleep)(pauseMs);
        else await new Promise((resolve) => setImmediate(resolve));
      }
      metrics.inboxPending.set(await store.countWebhooks('pending'));
    } catch (err) {
      log.error({ err }, 'inbox worker pass failed; will retry');
    }
  }

  /**
   * How much of the event loop processing may take before its next batch. Between batches requests
   * get in anyway: the receiver must keep answering during a backlog. Behind means a full batch was
   * due while webhooks arrive; then processing pauses in proportion to its work, so that
   * acknowledgements keep the larger share (a provider that times out re-delivers, which only adds
   * to the load) and the backlog is applied at full speed once the burst ends. A third still applies
   * more than a steady 1,000 webhooks/s, so a backlog left by a stall drains under steady traffic.
   * When webhooks arrive faster than processing applies them (overrun), the backlog grows whatever
   * processing does, so it keeps only a twentieth and leaves the rest to the acknowledgements.
   */
  private shareAfter(fullBatch: boolean): number {
    const arriving = this.options.arrivalRate?.() ?? 0;
    if (!fullBatch || arriving === 0) return 1;
    return arriving > this.pace() ? overrunShare : backlogShare;
  }

  /** Webhooks per second processing applies when it runs without pauses. */
  private pace(): number {
    return this.msPerWebhook === null ? Infinity : 1000 / this.msPerWebhook;
  }

  private measure(elapsedMs: number, webhooks: number): void {
    const sample = elapsedMs / webhooks;
    this.msPerWebhook = this.msPerWebhook === null ? sample : this.msPerWebhook * 0.8 + sample * 0.2;
  }

  private async processBatch(webhooks: StoredWebhook[], now: number): Promise<void> {
    const { store, registry, metrics, log } = this.options;
    const parsed: { webhook: StoredWebhook; batch: InboundBatch }[] = [];
    for (const webhook of webhooks) {
      try {
        parsed.push({ webhook, batch: await this.parse(webhook) });
      } catch (err) {
        await this.recordFailure(webhook, err, now);
      }
    }
    if (parsed.length === 0) return;
    try {
      const outcomes = await store.transaction(async (tx) => {
        const results = [];
        for (const { webhook, batch } of parsed) {
          const processed = await processWebhook(tx, registry, webhook.provider, batch, webhook.receivedAt);
          await tx.markWebhook(webhook.id, { status: processed.status, at: now, notes: processed.notes });
          results.push(processed);
        }
        return results;
      });
      if (parsed.some(({ batch }) => carriesMedia(batch))) this.options.onMediaApplied?.();
      outcomes.forEach((outcome, i) => {
        if (outcome.unroutable.length === 0) return;
        metrics.webhooksUnroutable.inc({ provider: parsed[i]!.webhook.provider });
        log.warn(
          { webhookId: parsed[i]!.webhook.id, phoneNumberIds: outcome.unroutable },
          'webhook for a business number with no channel: kept, not processed',
        );
      });
    } catch (err) {
      if (parsed.length === 1) {
        await this.recordFailure(parsed[0]!.webhook, err, now);
        return;
      }
      log.warn(
        { err, webhooks: parsed.length },
        'processing a batch failed; retrying its webhooks one by one',
      );
      for (const { webhook } of parsed) await this.processBatch([webhook], now);
    }
  }

  private parse(webhook: StoredWebhook): InboundBatch | Promise<InboundBatch> {
    return this.options.normalize(webhook.provider, webhook.body, webhook.receivedAt);
  }

  private async recordFailure(webhook: StoredWebhook, err: unknown, now: number): Promise<void> {
    const { store, log, metrics } = this.options;
    // No jitter: one pass picks up every due webhook, so a spread would not separate them.
    const retryAt =
      now + backoffDelay(webhook.attempts, { baseMs: 1000, capMs: maxBackoffMs, jitter: 'none' });
    metrics.webhookProcessingFailures.inc({ provider: webhook.provider });
    log.error(
      { err, webhookId: webhook.id, attempts: webhook.attempts + 1 },
      'processing a stored webhook failed',
    );
    try {
      await store.transaction((tx) =>
        tx.markWebhook(webhook.id, { status: 'pending', error: String(err), retryAt }),
      );
    } catch (markErr) {
      log.error({ err: markErr }, 'could not record the failure; the webhook stays due');
    }
  }
}

function carriesMedia(batch: InboundBatch): boolean {
  return batch.changes.some((change) => change.messages.some((message) => message.media !== null));
}
