import { randomBytes } from 'node:crypto';
import { metaJsonStringify, type WebhookEnvelope, type WebhookValue } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';

/**
 * Milliseconds on CLOCK_MONOTONIC (`process.hrtime`), with sub-millisecond resolution. On Linux it
 * is one clock for every process of the machine, so a stamp taken by the sender can be subtracted
 * from the receiver's reading: that is the delivery latency, from `customerSends` to receipt.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

// Non-ASCII on purpose: the emulator escapes it as Meta does (`\u00fc`, emoji as surrogate pairs).
const TAIL = 'Grüße aus München 👋 ist meine Bestellung schon unterwegs?';
const STAMP = /bench #(\d+) @(\d+\.\d+)/;

/** The text a simulated customer sends: a sequence number and the send time, readable in the raw body. */
export function stampedText(sequence: number, sentAt: number): string {
  return `bench #${sequence} @${sentAt.toFixed(3)} ${TAIL}`;
}

/** The stamp from a raw webhook body (Meta's escaping leaves ASCII untouched), or undefined. */
export function readStamp(raw: Buffer): { sequence: number; sentAt: number } | undefined {
  const match = STAMP.exec(raw.toString('latin1'));
  return match ? { sequence: Number(match[1]), sentAt: Number(match[2]) } : undefined;
}

/** The customers messages rotate through: German numbers, as the ingest bench uses. */
export function customerWaId(index: number): string {
  return `4915${String(10_000_000 + index * 7919).padStart(9, '0')}`;
}

/** The profile name of customer `index`, as the emulator is configured with it. */
export function customerName(index: number): string {
  return `Customer ${index}`;
}

/** The business the emulator simulates by default, which the baseline's bodies name too. */
const BUSINESS = { wabaId: '100000000000000', phoneNumberId: '100000000000001', display: '15550001234' };

/**
 * The baseline's body for one message: the envelope the emulator sends for a customer's text (same
 * fields, order and escaping; a fresh wamid), serialized with `metaJsonStringify` and signed with
 * `signMetaPayload`, as the emulator does.
 */
export function baselineWebhook(
  appSecret: string,
  waId: string,
  name: string,
  text: string,
): { body: string; signature: string } {
  const value: WebhookValue = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
    contacts: [{ profile: { name }, wa_id: waId, user_id: `DE.1${waId}000000` }],
    messages: [
      {
        from: waId,
        id: `wamid.${randomBytes(40).toString('base64').slice(0, 52)}AA==`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text',
        text: { body: text },
      },
    ],
  };
  const envelope: WebhookEnvelope = {
    object: 'whatsapp_business_account',
    entry: [{ id: BUSINESS.wabaId, changes: [{ value, field: 'messages' }] }],
  };
  const body = metaJsonStringify(envelope);
  return { body, signature: signMetaPayload(body, appSecret) };
}
