import { testPhoneNumberId } from './test-server.js';

interface Customer {
  waId: string;
  /** The customer's profile name; `Customer <waId>` when omitted. */
  name?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
}

interface Text {
  wamid: string;
  body: string;
  /** Epoch seconds; now when omitted. */
  timestamp?: number;
}

/** A Cloud API webhook carrying one inbound text message, in Meta's envelope. */
export function metaTextWebhook(message: Customer & Text) {
  return metaTextsWebhook(message, [message]);
}

/** A Cloud API webhook carrying many inbound text messages from one customer, in Meta's envelope. */
export function metaTextsWebhook(customer: Customer, texts: Text[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: customer.displayPhoneNumber ?? '15550000000',
                phone_number_id: customer.phoneNumberId ?? testPhoneNumberId,
              },
              contacts: [
                { profile: { name: customer.name ?? `Customer ${customer.waId}` }, wa_id: customer.waId },
              ],
              messages: texts.map((text) => ({
                from: customer.waId,
                id: text.wamid,
                timestamp: String(text.timestamp ?? Math.floor(Date.now() / 1000)),
                type: 'text',
                text: { body: text.body },
              })),
            },
          },
        ],
      },
    ],
  };
}
