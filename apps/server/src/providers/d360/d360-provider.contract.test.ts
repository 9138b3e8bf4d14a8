import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { emulatorProbes } from '../contract/emulator-probes.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import { D360Provider } from './d360-provider.js';
import { d360Webhooks } from './d360-webhooks.js';
import { startD360Front } from './test-support/d360-front.js';

const apiKey = 'd360-contract-api-key';
const token = 'd360-contract-webhook-token-0123456789';
const phoneNumberId = '100000000000360';
const undeliverable = '4915000003999';

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
    ...emulatorProbes(emulator, capture),
    undeliverable,
    templates: true,
    quotesReplies: true,
    async close() {
      provider.close();
      await front.close();
      await capture.close();
    },
  };
});
