import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';
import { RateMeter } from '../lib/rate-meter.js';

export interface IncomingWebhook {
  provider: string;
  /** The raw body exactly as received (it was signed over these bytes). */
  body: Buffer;
  receivedAt: number;
  /** Whether the body must be JSON (refused otherwise); false for form posts (Twilio). Default true. */
  json?: boolean;
}

/** How an accepted webhook ended: stored, or refused because its body is not JSON. */
export type IngestOutcome = { stored: true } | { stored: false; invalidJson: string };

interface Waiting extends IncomingWebhook {
  resolve: (outcome: IngestOutcome) => void;
  reject: (err: unknown) => void;
}

const stored: IngestOutcome = { stored: true };

export interface WebhookIngestOptions {
  store: Store;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** Called after each commit: the inbox worker processes what was just stored. */
  onStored: () => void;
}

/** Webhooks per append. */
const maxBatch = 1000;
/** Appends that may wait for durability at once. */
const maxInFlight = 4;

/**
 * Stores raw webhooks durably and answers each only after its commit; processing happens after,
 * in the inbox worker (docs/webhooks.md).
 *
 * Group commit: webhooks that arrive in one turn of the event loop go into one multi-row insert,
 * and commits that finish while an fsync runs share the next one. Keeping this step to a single
 * append is what lets the receiver keep up with a burst: the provider gets its 200 as soon as the
 * bytes are safe, and a slow or failing processing step can never make it re-deliver or lose one.
 */
export class WebhookIngest {
  private queue: Waiting[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly arrivals = new RateMeter();
  // A label lookup per observation cost as much as the rest of a commit's loop: one per provider.
  private readonly durations = new Map<string, { observe(seconds: number): void }>();

  constructor(private readonly options: WebhookIngestOptions) {}

  /**
   * Resolves when the webhook is durably stored, or refused because its body is not JSON (checked
   * with the append, off the main thread on SQLite); rejects when the store cannot take it.
   */
  accept(webhook: IncomingWebhook): Promise<IngestOutcome> {
    this.arrivals.record(webhook.receivedAt);
    return new Promise((resolve, reject) => {
      this.queue.push({ ...webhook, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Collect what arrives in this turn of the event loop into one batch.
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Webhooks taken per second over the last second. */
  arrivalRate(): number {
    return this.arrivals.perSecond(Date.now());
  }

  /** Resolves once every accepted webhook has been committed (for shutdown). */
  async idle(): Promise<void> {
    while (this.scheduled || this.inFlight > 0 || this.queue.length > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  // Commits are pipelined: the next batch is written while the previous one waits for its fsync
  // (which runs off the main thread and is shared by every commit that finished before it began).
  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < maxInFlight) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private durationsOf(provider: string): { observe(seconds: number): void } {
    let child = this.durations.get(provider);
    if (!child) {
      child = this.options.metrics.ingestDuration.labels(provider);
      this.durations.set(provider, child);
    }
    return child;
  }

  /** One append for JSON bodies and one for forms (most batches have only one kind), in batch order. */
  private async append(batch: Waiting[]) {
    const rows = (items: Waiting[]) =>
      items.map((item) => ({
        provider: item.provider,
        body: item.body,
        receivedAt: item.receivedAt,
        status: 'pending' as const,
      }));
    const json = batch.filter((item) => item.json !== false);
    if (json.length === batch.length)
      return this.options.store.appendWebhooks(rows(batch), { requireJson: true });
    const forms = batch.filter((item) => item.json === false);
    const [jsonResults, formResults] = await Promise.all([
      json.length > 0 ? this.options.store.appendWebhooks(rows(json), { requireJson: true }) : [],
      this.options.store.appendWebhooks(rows(forms), { requireJson: false }),
    ]);
    let j = 0;
    let f = 0;
    return batch.map((item) => (item.json === false ? formResults[f++]! : jsonResults[j++]!));
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const { metrics, log } = this.options;
    metrics.ingestBatchSize.observe(batch.length);
    let results;
    try {
      results = await this.append(batch);
    } catch (err) {
      log.error({ err, webhooks: batch.length }, 'storing webhooks failed; the provider will retry');
      for (const item of batch) item.reject(err);
      return;
    }
    const now = Date.now();
    const received = new Map<string, number>();
    batch.forEach((item, i) => {
      const result = results[i]!;
      if ('invalidJson' in result) {
        item.resolve({ stored: false, invalidJson: result.invalidJson });
        return;
      }
      received.set(item.provider, (received.get(item.provider) ?? 0) + 1);
      this.durationsOf(item.provider).observe((now - item.receivedAt) / 1000);
      item.resolve(stored);
    });
    for (const [provider, count] of received) metrics.webhooksReceived.inc({ provider }, count);
    this.options.onStored();
  }
}
