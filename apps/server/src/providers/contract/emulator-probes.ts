import type { Emulator } from '@switchboard/emulator';
import type { WebhookRequest } from '../provider-webhooks.js';
import type { ProviderContractSubject } from './describe-provider-contract.js';
import type { WebhookCapture } from './webhook-capture.js';

type Probes = Pick<
  ProviderContractSubject,
  'customerWrites' | 'customerSendsImage' | 'sentTo' | 'statusWebhook'
>;

const carries = (needle: string) => (request: WebhookRequest) => request.body.includes(needle);

/**
 * The contract's probes for providers that the emulator stands behind (Meta, 360dialog): its
 * simulated customers write, its record says what we sent, and the webhooks it delivered, to
 * `capture` directly or through a provider's front, are found by the ids they carry.
 */
export function emulatorProbes(emulator: Emulator, capture: WebhookCapture): Probes {
  return {
    customerWrites(waId, text) {
      const { id } = emulator.customerSends(waId, { type: 'text', text: { body: text } });
      return capture.next(carries(id));
    },
    customerSendsImage(waId, image) {
      const { id } = emulator.customerSends(waId, {
        type: 'image',
        file: { base64: image.bytes.toString('base64'), mimeType: image.mimeType },
      });
      return capture.next(carries(id));
    },
    async sentTo(waId) {
      return emulator.received(waId).map((item) => ({
        providerMessageId: item.id,
        type: item.type,
        text: (item.message.text as { body?: string } | undefined)?.body ?? null,
        quoted: item.replyTo ?? null,
      }));
    },
    statusWebhook(id, status) {
      return capture.next((r) => r.body.includes(id) && r.body.includes(`"status":"${status}"`));
    },
  };
}
