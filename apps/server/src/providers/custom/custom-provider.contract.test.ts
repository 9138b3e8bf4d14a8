import { describeProviderContract } from '../contract/describe-provider-contract.js';
import { startMediaLinkServer } from '../contract/media-link-server.js';
import { startWebhookCapture } from '../contract/webhook-capture.js';
import type { WebhookRequest } from '../provider-webhooks.js';
import { CustomProvider } from './custom-provider.js';
import { customWebhooks } from './custom-webhooks.js';
import { startFakeChirp } from './test-support/fake-chirp.js';
import { chirpEnv, compiledWorkedExample } from './test-support/worked-example.js';

const undeliverable = '4915000008999';
const states: Record<string, string> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'seen',
  failed: 'undeliverable',
};

/** Chirp's events in a captured webhook. */
const events = (request: WebhookRequest) =>
  (JSON.parse(request.body.toString('utf8')) as { events: Record<string, any>[] }).events;

describeProviderContract(
  'custom (the worked example of docs/custom-providers.md, against a fake Chirp)',
  async () => {
    const capture = await startWebhookCapture(() => ({ status: 200, body: '{"received":true}' }));
    const chirp = await startFakeChirp({ undeliverable: [undeliverable] });
    chirp.webhookUrl = capture.url;
    const definition = compiledWorkedExample(chirpEnv(chirp));
    const links = await startMediaLinkServer();
    const adapter = new CustomProvider({
      definition,
      phoneNumber: chirp.number,
      mediaLink: (mediaId) => links.link(mediaId),
      mediaLinkTtlMs: 3_600_000,
    });
    const provider = links.serving(adapter);
    let next = 4915000008000;
    const messageWebhook = (id: string) =>
      capture.next((r) => events(r).some((e) => e.type === 'message.received' && e.message.id === id));
    return {
      provider,
      webhooks: customWebhooks(definition),
      secrets: [chirp.webhookSecret],
      phoneNumberId: chirp.number,
      signsBody: true,
      newCustomer: () => String(next++),
      async customerWrites(waId, text) {
        const [id] = await chirp.customerWrites(waId, text);
        return messageWebhook(id!);
      },
      async customerSendsImage(waId, image) {
        return messageWebhook(await chirp.customerSendsFile(waId, image.bytes, image.mimeType));
      },
      async sentTo(waId) {
        return chirp.sent
          .filter((m) => m.request.recipient === `+${waId}`)
          .map((m) => ({
            providerMessageId: m.uuid,
            type:
              m.request.content.kind === 'file'
                ? (m.file?.contentType?.split('/')[0] ?? 'document')
                : m.request.content.kind,
            text: m.request.content.kind === 'text' ? m.request.content.text : null,
            quoted: m.request.replyTo ?? null,
          }));
      },
      statusWebhook(uuid, status) {
        return capture.next((r) =>
          events(r).some(
            (e) => e.type === 'message.status' && e.status.uuid === uuid && e.status.state === states[status],
          ),
        );
      },
      undeliverable,
      templates: false,
      quotesReplies: true,
      async close() {
        adapter.close();
        await chirp.close();
        await capture.close();
        await links.close();
      },
    };
  },
);
