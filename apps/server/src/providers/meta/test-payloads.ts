import type {
  WebhookContact,
  WebhookEnvelope,
  WebhookMessage,
  WebhookStatus,
  WebhookValue,
} from '@switchboard/whatsapp';
import type { InboundBatch, InboundMessage } from '../../domain/inbound-batch.js';
import { normalizeMetaWebhook } from './normalize-webhook.js';

/**
 * Builders of webhook bodies shaped as the Cloud API sends them (§2), for the normalizer's tests.
 * Typed with the wire types, so a fixture that drifts from the documented format fails to compile.
 */

export const wabaId = '419561257915477';
export const phoneNumberId = '106540352242922';
export const displayPhoneNumber = '15550783881';
export const customerWaId = '16505551234';

export const customer: WebhookContact = { profile: { name: 'Sheena Nelson' }, wa_id: customerWaId };

export function value(parts: Omit<WebhookValue, 'messaging_product' | 'metadata'>, numberId = phoneNumberId) {
  const metadata = { display_phone_number: displayPhoneNumber, phone_number_id: numberId };
  return { messaging_product: 'whatsapp', metadata, ...parts } satisfies WebhookValue;
}

/** One entry with one `messages` change per value. */
export function webhook(...values: WebhookValue[]): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: values.map((v) => ({ value: v, field: 'messages' as const })) }],
  };
}

/** The usual webhook of one inbound message, with the sender in `contacts`. */
export function inbound(message: WebhookMessage, contacts: WebhookContact[] = [customer]): WebhookEnvelope {
  return webhook(value({ contacts, messages: [message] }));
}

export function statusWebhook(...statuses: WebhookStatus[]): WebhookEnvelope {
  return webhook(value({ statuses }));
}

let counter = 0;
/** A fresh wamid-looking id. */
export function wamid(): string {
  counter += 1;
  return `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAz${String(counter).padStart(6, '0')}A=`;
}

/** The common fields of a message from the customer. */
export function from(id = wamid(), timestamp = '1749416383') {
  return { from: customerWaId, id, timestamp };
}

/** The clock the tests give the normalizer. */
export const fixedNow = 1_800_000_000_000;

/** Normalizes a webhook that must hold exactly one message, and returns the batch and the message. */
export function normalizeOne(payload: unknown): { batch: InboundBatch; message: InboundMessage } {
  const batch = normalizeMetaWebhook(payload, { now: () => fixedNow });
  const message = batch.changes[0]?.messages[0];
  if (batch.changes.length !== 1 || batch.changes[0]?.messages.length !== 1 || message === undefined) {
    throw new Error(`expected one change with one message, got ${JSON.stringify(batch)}`);
  }
  return { batch, message };
}

/** The normalized form of one inbound message from the customer. */
export function normalizeMessageOf(message: WebhookMessage): InboundMessage {
  return normalizeOne(inbound(message)).message;
}
