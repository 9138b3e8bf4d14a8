import { testPhoneNumberId } from './test-server.js';

/** A Cloud API webhook carrying one inbound text message, in Meta's envelope. */
export function metaTextWebhook(message: {
  waId: string;
  wamid: string;
  body: string;
  /** The customer's profile name; `Customer <waId>` when omitted. */
  name?: string;
  /** Epoch seconds; now when omitted. */
  timestamp?: number;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
}) {
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
                display_phone_number: message.displayPhoneNumber ?? '15550000000',
                phone_number_id: message.phoneNumberId ?? testPhoneNumberId,
              },
              contacts: [
                { profile: { name: message.name ?? `Customer ${message.waId}` }, wa_id: message.waId },
              ],
              messages: [
                {
                  from: message.waId,
                  id: message.wamid,
                  timestamp: String(message.timestamp ?? Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: message.body },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
