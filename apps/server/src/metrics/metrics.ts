import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server's Prometheus metrics, on a registry of its own (several apps can live in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly webhooksReceived = new Counter({
    name: 'switchboard_webhooks_received_total',
    help: 'Webhooks accepted (signature valid, stored), by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly webhooksRejected = new Counter({
    name: 'switchboard_webhooks_rejected_total',
    help: 'Webhooks refused, by provider and reason (signature, too_large, invalid_json, verify_token).',
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });
  readonly webhooksUnroutable = new Counter({
    name: 'switchboard_webhooks_unroutable_total',
    help: 'Webhook changes for a business number no channel is configured for (kept, not processed).',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly webhookProcessingFailures = new Counter({
    name: 'switchboard_webhook_processing_failures_total',
    help: 'Stored webhooks whose processing failed and will be retried.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly ingestDuration = new Histogram({
    name: 'switchboard_ingest_duration_seconds',
    help: 'From a webhook fully received to its durable commit (the 200).',
    labelNames: ['provider'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly ingestBatchSize = new Histogram({
    name: 'switchboard_ingest_batch_size',
    help: 'Webhooks committed together in one transaction (one fsync).',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'switchboard_events_appended_total',
    help: 'Events appended to the event log.',
    registers: [this.registry],
  });
  readonly inboxPending = new Gauge({
    name: 'switchboard_webhook_inbox_pending',
    help: 'Stored webhooks waiting to be (re)processed.',
    registers: [this.registry],
  });

  constructor(options: { collectDefaults?: boolean } = {}) {
    if (options.collectDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }
}
