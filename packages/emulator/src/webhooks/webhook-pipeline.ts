import type { Clock } from '../core/clock.js';
import type { FaultController } from '../faults/fault-controller.js';
import type { Random } from '../faults/prng.js';
import { DeliveryQueue } from './delivery-queue.js';
import { createHttpPostWebhook, type PostWebhook } from './post-webhook.js';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS } from './retry-schedule.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export interface WebhookPipelineOptions {
  readonly clock: Clock;
  readonly appSecret: string;
  readonly faults: FaultController;
  readonly random: Random;
  /** The app's callback URL; without one, webhooks are only recorded. */
  readonly url: string | (() => string) | undefined;
  readonly retryScheduleMs?: readonly number[];
  readonly attemptTimeoutMs?: number;
  readonly concurrency?: number;
  readonly logLimit?: number;
  readonly post?: PostWebhook;
  readonly onError?: (message: string) => void;
}

/**
 * Webhook POSTs in flight at once by default: Meta sends webhooks concurrently, so one that fails
 * is retried on its own while the others go on (an app must not rely on their order).
 */
export const DEFAULT_WEBHOOK_CONCURRENCY = 8;

/** The dispatcher and, when a URL is configured, the queue that delivers its webhooks. */
export function createWebhookPipeline(o: WebhookPipelineOptions): {
  dispatcher: WebhookDispatcher;
  queue: DeliveryQueue | undefined;
} {
  // The default client holds keep-alive connections of its own, closed when the queue stops.
  const http = o.url !== undefined && o.post === undefined ? createHttpPostWebhook() : undefined;
  const post = o.post ?? http?.post;
  const queue =
    o.url === undefined || post === undefined
      ? undefined
      : new DeliveryQueue({
          clock: o.clock,
          url: o.url,
          post,
          retryScheduleMs: o.retryScheduleMs ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS,
          attemptTimeoutMs: o.attemptTimeoutMs ?? 10_000,
          concurrency: o.concurrency ?? DEFAULT_WEBHOOK_CONCURRENCY,
          // Meta's requests carry this user agent (docs/whatsapp-cloud-api.md §1.1).
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'facebookexternalua' },
          ...(o.onError && { onError: o.onError }),
          ...(http && { onStop: http.close }),
        });
  const dispatcher = new WebhookDispatcher({
    clock: o.clock,
    appSecret: o.appSecret,
    faults: o.faults,
    random: o.random,
    queue,
    ...(o.logLimit !== undefined && { logLimit: o.logLimit }),
    ...(o.onError && { onError: o.onError }),
  });
  return { dispatcher, queue };
}
