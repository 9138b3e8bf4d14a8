import {
  metaJsonStringify,
  type WebhookEnvelope,
  type WebhookMessage,
  type WebhookPricing,
  type WebhookStatus,
  type WebhookValue,
} from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';

/** The business number every payload is addressed to; the server must be configured with it. */
export const benchBusiness = {
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
} as const;

/** One signed webhook POST, with what it should leave in the store once processed. */
export interface SignedWebhook {
  body: Buffer;
  /** The `x-hub-signature-256` header value. */
  signature: string;
  messages: number;
  statuses: number;
}

const customerCount = 200;

// Non-ASCII on purpose: Meta escapes it as `\uXXXX` (emoji as surrogate pairs), so the signed
// bytes differ from a plain JSON.stringify of the parsed body (docs/whatsapp-cloud-api.md §1.2).
const names = ['Jürgen Müller', 'Zoë Schäfer', 'Anna Weiß', 'Mehmet Öztürk', 'Lena Groß', 'Tom Baker'];
const bodies = [
  'Hallo, ist meine Bestellung schon unterwegs?',
  'Grüße aus München 👋 Haben Sie am Samstag geöffnet?',
  'Können Sie mir die Rechnung nochmal schicken? 🙏',
  'Danke schön, alles angekommen! 🍕🎉',
  'Does it come in another color?',
  'Ich möchte meinen Termin auf Dienstag verschieben.',
  'Super Service 👍 Größe M passt perfekt.',
];

/**
 * Makes signed webhooks like Meta's: mostly one text message, every tenth a batch of three, and
 * every tenth a status batch (sent, delivered, read) for a wamid the server never sent, which it
 * stores as an orphan status. Each call yields fresh wamids, so no POST is a duplicate that the
 * server could skip; `runTag` keeps them unique across runs against one database.
 */
export function createWebhookFactory(appSecret: string, runTag: string): () => SignedWebhook {
  let sequence = 0;
  return () => {
    sequence += 1;
    const customer = sequence % customerCount;
    const from = `4915${String(10_000_000 + customer * 7919).padStart(9, '0')}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const wamid = (n: number): string =>
      `wamid.${Buffer.from(`${from}:${runTag}:${sequence}:${n}`).toString('base64')}`;

    let value: WebhookValue;
    let messages = 0;
    let statuses = 0;
    if (sequence % 10 === 9) {
      const id = wamid(0);
      const list: WebhookStatus[] = (['sent', 'delivered', 'read'] as const).map((status) => ({
        id,
        status,
        timestamp,
        recipient_id: from,
        // Pricing comes with `sent` and with one of delivered/read (§4).
        ...(status === 'read' ? {} : { pricing: servicePricing }),
      }));
      value = { ...valueBase(), statuses: list };
      statuses = list.length;
    } else {
      const count = sequence % 10 === 4 ? 3 : 1;
      const list: WebhookMessage[] = Array.from({ length: count }, (_, n) => ({
        from,
        id: wamid(n),
        timestamp,
        type: 'text' as const,
        text: { body: bodies[(sequence + n) % bodies.length]! },
      }));
      const name = names[customer % names.length]!;
      value = { ...valueBase(), contacts: [{ profile: { name }, wa_id: from }], messages: list };
      messages = list.length;
    }

    const envelope: WebhookEnvelope = {
      object: 'whatsapp_business_account',
      entry: [{ id: benchBusiness.wabaId, changes: [{ value, field: 'messages' }] }],
    };
    const body = Buffer.from(metaJsonStringify(envelope), 'utf8');
    return { body, signature: signMetaPayload(body, appSecret), messages, statuses };
  };
}

function valueBase(): WebhookValue {
  return {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: benchBusiness.displayPhoneNumber,
      phone_number_id: benchBusiness.phoneNumberId,
    },
  };
}

const servicePricing: WebhookPricing = {
  pricing_model: 'PMP',
  type: 'free_customer_service',
  category: 'service',
};
