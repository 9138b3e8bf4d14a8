import type { WebhookValue } from '@switchboard/whatsapp';

/**
 * One change the platform reports to the app: an inbound message (with its sender in `contacts`)
 * or one or more statuses, already in the Cloud API `value` shape. The dispatcher decides how
 * events become POSTs (one each, or batched, duplicated, withheld, per the fault plan).
 */
export interface WebhookEvent {
  /** The WhatsApp Business Account that owns the number: the envelope's `entry[].id`. */
  readonly wabaId: string;
  readonly value: WebhookValue;
}

/** Where the platform hands events; returns the id of the webhook delivery that will carry it. */
export interface WebhookSink {
  emit(event: WebhookEvent): string;
}
