import { startEmulatorServer } from '@switchboard/emulator';
import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import type { WebhookRequest } from '../provider-webhooks.js';
import { MetaProvider } from './meta-provider.js';
import { metaWebhooks } from './meta-webhooks.js';

const token = 'contract-access-token-1';
const appSecret = 'contract-app-secret-1';
const phoneNumberId = '100000000000077';
const undeliverable = '4915000000999';

/** Whether a Meta webhook carries this text, or a status of this message. */
const carries = (needle: string) => (request: WebhookRequest) => request.body.includes(needle);

describeProviderContract('Meta (against the emulator)', async () => {
  const capture = await startWebhookCapture();
  const emulator = await startEmulatorServer({
    port: 0,
    appSecret,
    verifyToken: 'contract-verify',
    webhookUrl: capture.url,
    phonePage: false,
    accessTokens: [{ token }],
    businessNumbers: [
      {
        phoneNumberId,
        displayPhoneNumber: '15550007777',
        wabaId: '200000000000077',
        throughputPerSecond: 1000,
      },
    ],
    customers: [{ waId: undeliverable, name: 'Nobody', undeliverable: true }],
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
  });
  const provider = new MetaProvider({
    graphUrl: `${emulator.url}/v23.0`,
    accessToken: token,
    phoneNumberId,
    wabaId: '200000000000077',
  });
  let next = 4915000001000;
  return {
    provider,
    webhooks: metaWebhooks,
    secrets: [appSecret],
    phoneNumberId,
    signsBody: true,
    newCustomer: () => String(next++),
    customerWrites(waId, text) {
      const { id } = emulator.emulator.customerSends(waId, { type: 'text', text: { body: text } });
      return capture.next(carries(id));
    },
    customerSendsImage(waId, image) {
      const { id } = emulator.emulator.customerSends(waId, {
        type: 'image',
        file: { base64: image.bytes.toString('base64'), mimeType: image.mimeType },
      });
      return capture.next(carries(id));
    },
    async sentTo(waId) {
      return emulator.emulator.received(waId).map((item) => ({
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
      await emulator.close();
      await capture.close();
    },
  };
});
