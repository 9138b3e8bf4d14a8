import type { WebhookEnvelope } from '@switchboard/whatsapp';

/**
 * The life of one webhook POST:
 * `withheld` (held by the fault plan) → `pending` (queued or being retried) → `delivered` (a 200)
 * or `failed` (the retry schedule ran out, as Meta gives up after 7 days). `recorded` means no
 * webhook URL is configured: the body is kept for inspection only.
 */
export type DeliveryState = 'withheld' | 'pending' | 'delivered' | 'failed' | 'recorded';

export interface DeliveryAttempt {
  /** Emulator clock time the attempt started (ms). */
  readonly at: number;
  /** The HTTP status answered, when there was an answer. */
  readonly status?: number;
  /** Network error or timeout, when there was no answer. */
  readonly error?: string;
  /** Wall-clock duration of the request. */
  readonly durationMs: number;
}

/** A webhook POST as the emulator keeps it (mutable inside the webhooks module only). */
export interface WebhookDelivery {
  readonly id: string;
  readonly createdAt: number;
  state: DeliveryState;
  /** The exact bytes sent (Meta-style escaped JSON). */
  readonly rawBody: string;
  /** `X-Hub-Signature-256` over `rawBody`. */
  readonly signature: string;
  /** How many events (messages, statuses) the body carries. */
  readonly eventCount: number;
  /** Set on the second copy of a duplicated delivery. */
  readonly duplicateOf?: string;
  readonly attempts: DeliveryAttempt[];
  /** When the next attempt is due (pending only). */
  nextAttemptAt?: number;
  deliveredAt?: number;
}

/** What the delivery log answers: the record plus the body parsed for convenience. */
export interface WebhookDeliveryView {
  readonly id: string;
  readonly createdAt: number;
  readonly state: DeliveryState;
  readonly body: WebhookEnvelope;
  readonly rawBody: string;
  readonly signature: string;
  readonly eventCount: number;
  readonly duplicateOf?: string;
  readonly attempts: readonly DeliveryAttempt[];
  readonly nextAttemptAt?: number;
  readonly deliveredAt?: number;
}

export function deliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    createdAt: d.createdAt,
    state: d.state,
    body: JSON.parse(d.rawBody) as WebhookEnvelope,
    rawBody: d.rawBody,
    signature: d.signature,
    eventCount: d.eventCount,
    ...(d.duplicateOf !== undefined && { duplicateOf: d.duplicateOf }),
    attempts: [...d.attempts],
    ...(d.state === 'pending' && d.nextAttemptAt !== undefined && { nextAttemptAt: d.nextAttemptAt }),
    ...(d.deliveredAt !== undefined && { deliveredAt: d.deliveredAt }),
  };
}
