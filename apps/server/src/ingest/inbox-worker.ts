import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';
import type { Store, StoredWebhook } from '../store/store.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { InboundBatch } from './inbound.js';
import { processWebhook } from './process-webhook.js';

export type Normalizer = (provider: string, payload: unknown) => InboundBatch;

export interface InboxWorkerOptions {
  store: Store;
  registry: ChannelRegistry;
  normalize: Normalizer;
  metrics: Metrics;
  log: FastifyBaseLogger;
  pollMs?: number;
  now?: () => number;
}

const maxBackoffMs = 60 * 60 * 1000;

/**
 * Processes webhooks that were stored but not processed: at start (a crash between storing and
 * processing loses nothing) and after a processing failure, with exponential backoff. A webhook
 * is marked processed only in the transaction that applied it; failures are retried, never skipped.
 */
export class InboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: InboxWorkerOptions) {}

  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Processes every due webhook; resolves when none is left due. */
  async drain(): Promise<void> {
    const { store, metrics, log } = this.options;
    const now = this.options.now ?? Date.now;
    try {
      // Bounded: a row whose failure could not even be recorded stays due; the next pass retries it.
      for (let pass = 0; pass < 50; pass++) {
        const due = await store.dueWebhooks(now(), 100);
        for (const webhook of due) {
          if (this.stopped) return;
          await this.processOne(webhook, now());
        }
        if (due.length < 100) break;
      }
      metrics.inboxPending.set(await store.countWebhooks('pending'));
    } catch (err) {
      log.error({ err }, 'inbox worker pass failed; will retry');
    }
  }

  private async processOne(webhook: StoredWebhook, now: number): Promise<void> {
    const { store, registry, normalize, log, metrics } = this.options;
    try {
      const batch = normalize(webhook.provider, JSON.parse(webhook.body.toString('utf8')));
      const outcome = await store.transaction(async (tx) => {
        const processed = await processWebhook(tx, registry, webhook.provider, batch, webhook.receivedAt);
        await tx.markWebhook(webhook.id, { status: processed.status, at: now, notes: processed.notes });
        return processed;
      });
      if (outcome.unroutable.length > 0) metrics.webhooksUnroutable.inc({ provider: webhook.provider });
      log.info({ webhookId: webhook.id, status: outcome.status }, 'stored webhook processed');
    } catch (err) {
      const retryAt = now + Math.min(maxBackoffMs, 1000 * 2 ** Math.min(webhook.attempts, 20));
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
}
