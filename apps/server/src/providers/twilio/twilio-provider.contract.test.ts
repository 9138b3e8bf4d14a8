import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { startMediaLinkServer } from '../contract/media-link-server.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import type { WebhookRequest } from '../provider-webhooks.js';
import { startFakeTwilio } from './test-support/fake-twilio.js';
import { TwilioProvider } from './twilio-provider.js';
import { twilioWebhooks } from './twilio-webhooks.js';

const undeliverable = '4915000005999';
const field = (request: WebhookRequest, name: string) =>
  new URLSearchParams(request.body.toString('utf8')).get(name);

describeProviderContract('Twilio (against a fake that checks its wire format)', async () => {
  const capture = await startWebhookCapture(() => ({ status: 200, body: '<Response/>' }));
  const twilio = await startFakeTwilio({ undeliverable: [undeliverable] });
  twilio.webhookUrl = capture.url;
  const links = await startMediaLinkServer();
  const adapter = new TwilioProvider({
    apiUrl: twilio.url,
    contentUrl: twilio.url,
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: twilio.from,
    statusCallback: capture.url,
    mediaLink: (mediaId) => links.link(mediaId),
    mediaLinkTtlMs: 3_600_000,
  });
  const provider = links.serving(adapter);
  let next = 4915000006000;
  return {
    provider,
    webhooks: twilioWebhooks,
    secrets: [twilio.authToken],
    phoneNumberId: '14155238886',
    signsBody: true,
    newCustomer: () => String(next++),
    async customerWrites(waId, text) {
      const { sid } = await twilio.customerWrites(waId, text);
      return capture.next((r) => field(r, 'MessageSid') === sid);
    },
    async customerSendsImage(waId, image) {
      const { sid } = await twilio.customerSendsMedia(waId, image.bytes, image.mimeType);
      return capture.next((r) => field(r, 'MessageSid') === sid);
    },
    async sentTo(waId) {
      return twilio.sent
        .filter((m) => m.form.To === `whatsapp:+${waId}`)
        .map((m) => ({
          providerMessageId: m.sid,
          type: m.media ? (m.media.contentType?.split('/')[0] ?? 'document') : 'text',
          text: m.form.Body ?? null,
          quoted: null,
        }));
    },
    statusWebhook(id, status) {
      const names = status === 'failed' ? ['failed', 'undelivered'] : [status];
      return capture.next(
        (r) => field(r, 'MessageSid') === id && names.includes(field(r, 'MessageStatus') ?? ''),
      );
    },
    undeliverable,
    templates: true,
    quotesReplies: false,
    async close() {
      adapter.close();
      await twilio.close();
      await capture.close();
      await links.close();
    },
  };
});
