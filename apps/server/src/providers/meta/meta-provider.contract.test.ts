import { startEmulatorServer } from '@switchboard/emulator';
import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { emulatorProbes } from '../contract/emulator-probes.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import { MetaProvider } from './meta-provider.js';
import { metaWebhooks } from './meta-webhooks.js';

const token = 'contract-access-token-1';
const appSecret = 'contract-app-secret-1';
const phoneNumberId = '100000000000077';
const undeliverable = '4915000000999';

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
    ...emulatorProbes(emulator.emulator, capture),
    undeliverable,
    templates: true,
    quotesReplies: true,
    async close() {
      provider.close();
      await emulator.close();
      await capture.close();
    },
  };
});
