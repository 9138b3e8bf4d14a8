import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { InboundBatch } from './inbound.js';
import { processWebhook } from './process-webhook.js';

export interface IncomingWebhook {
  provider: string;
  body: Buffer;
  /** The parsed body, or null when normalizing it failed (it is then stored for a retry). */
  batch: InboundBatch | null;
  receivedAt: number;
}

interface Waiting extends IncomingWebhook {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface WebhookIngestOptions {
  store: Store;
  registry: ChannelRegistry;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** Asks the inbox worker to look for webhooks stored without processing. */
  onDeferred: () => void;
  maxBatch?: number;
}

/**
 * Stores webhooks durably and processes them, answering each only after its commit.
 *
 * Group commit: webhooks that arrive while a transaction is running wait and go into the next one
 * together, so that many share one fsync (SQLite `synchronous=FULL`) or one round of commits
 * (PostgreSQL). Each webhook is stored and processed in the same transaction; if processing fails,
 * the batch is committed again with the raw bodies only (status `pending`) and the inbox worker
 * retries them one by one. A webhook is never answered before its raw body is committed.
 */
export class WebhookIngest {
  private queue: Waiting[] = [];
  private running = false;
  private readonly maxBatch: number;

  constructor(private readonly options: WebhookIngestOptions) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  /** Resolves when the webhook is durably stored; rejects when the store cannot take it. */
  accept(webhook: IncomingWebhook): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...webhook, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once every accepted webhook has been committed (for shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const { store, registry, metrics, log } = this.options;
    metrics.ingestBatchSize.observe(batch.length);
    try {
      const outcomes = await store.transaction(async (tx) => {
        const results = [];
        for (const item of batch) {
          if (!item.batch) throw new Error('webhook could not be normalized');
          const processed = await processWebhook(tx, registry, item.provider, item.batch, item.receivedAt);
          await tx.insertWebhook({
            provider: item.provider,
            body: item.body,
            receivedAt: item.receivedAt,
            status: processed.status,
            notes: processed.notes,
          });
          results.push(processed);
        }
        return results;
      });
      outcomes.forEach((outcome, i) => {
        if (outcome.unroutable.length === 0) return;
        metrics.webhooksUnroutable.inc({ provider: batch[i]!.provider });
        log.warn(
          { phoneNumberIds: outcome.unroutable },
          'webhook for a business number with no channel: kept, not processed',
        );
      });
    } catch (err) {
      log.error({ err, webhooks: batch.length }, 'processing webhooks failed; storing them for a retry');
      try {
        await store.transaction(async (tx) => {
          for (const item of batch) {
            await tx.insertWebhook({
              provider: item.provider,
              body: item.body,
              receivedAt: item.receivedAt,
              status: 'pending',
            });
          }
        });
        for (const item of batch) metrics.webhookProcessingFailures.inc({ provider: item.provider });
        this.options.onDeferred();
      } catch (storeErr) {
        log.error({ err: storeErr }, 'storing webhooks failed; the provider will retry');
        for (const item of batch) item.reject(storeErr);
        return;
      }
    }
    const now = Date.now();
    for (const item of batch) {
      metrics.webhooksReceived.inc({ provider: item.provider });
      metrics.ingestDuration.observe({ provider: item.provider }, (now - item.receivedAt) / 1000);
      item.resolve();
    }
  }
}
