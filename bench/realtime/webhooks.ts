import { metaJsonStringify, type WebhookEnvelope, type WebhookValue } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { benchBusiness } from '../ingest/payloads.js';
import { customerNumber } from './customers.js';

/**
 * A signed Meta webhook carrying one inbound text from customer `sequence mod customers`. The body is the
 * marker the clients look for (`bench:lat:<µs>` or `bench:fan:<n>`), so it is built and signed at
 * the moment it is sent.
 */
export function textWebhook(
  appSecret: string,
  sequence: number,
  text: string,
  customers = 100,
): { body: Buffer; signature: string } {
  const from = customerNumber(sequence % customers);
  const value: WebhookValue = {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: benchBusiness.displayPhoneNumber,
      phone_number_id: benchBusiness.phoneNumberId,
    },
    contacts: [{ profile: { name: 'Zoë Schäfer' }, wa_id: from }],
    messages: [
      {
        from,
        id: `wamid.${Buffer.from(`${from}:${process.pid}:${sequence}:${text}`).toString('base64')}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text',
        text: { body: text },
      },
    ],
  };
  const envelope: WebhookEnvelope = {
    object: 'whatsapp_business_account',
    entry: [{ id: benchBusiness.wabaId, changes: [{ value, field: 'messages' }] }],
  };
  const body = Buffer.from(metaJsonStringify(envelope), 'utf8');
  return { body, signature: signMetaPayload(body, appSecret) };
}

export function webhookHeaders(signature: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': signature };
}
