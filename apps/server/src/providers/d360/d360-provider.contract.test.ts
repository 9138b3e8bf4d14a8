import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import type { WebhookRequest } from '../provider-webhooks.js';
import { D360Provider } from './d360-provider.js';
import { d360Webhooks } from './d360-webhooks.js';
import { startD360Front } from './test-support/d360-front.js';

const apiKey = 'd360-contract-api-key';
const token = 'd360-contract-webhook-token-0123456789';
const phoneNumberId = '100000000000360';
const undeliverable = '4915000003999';

const carries = (needle: string) => (request: WebhookRequest) => request.body.includes(needle);

describeProviderContract('360dialog (the emulator behind its base URL and key)', async () => {
  const capture = await startWebhookCapture();
  const front = await startD360Front({
    apiKey,
    phoneNumberId,
    customers: [{ waId: undeliverable, name: 'Nobody', undeliverable: true }],
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
  });
  const provider = new D360Provider({ baseUrl: front.url, apiKey, phoneNumberId });
  await provider.registerWebhook(capture.url, token);
  const emulator = front.emulator.emulator;
  let next = 4915000004000;
  return {
    provider,
    webhooks: d360Webhooks,
    secrets: [token],
    phoneNumberId,
    signsBody: false,
    newCustomer: () => String(next++),
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
    undeliverable,
    templates: true,
    async close() {
      provider.close();
      await front.close();
      await capture.close();
    },
  };
});
