import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaJsonStringify } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { workedExampleConfig } from '../providers/custom/test-support/worked-example.js';
import { twilioSignature } from '../providers/twilio/twilio-signature.js';
import { metaTextWebhook } from './meta-text-webhook.js';

/** One customer message as its provider would post it to a server at `base`. */
export interface PostedWebhook {
  /** The provider's message id (what the stored message's `provider_message_id` will be). */
  id: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A provider's server settings and webhooks for the same numbered customer messages. */
export interface ProviderWebhookSample {
  name: 'Meta' | '360dialog' | 'Twilio' | 'custom';
  /** The server's environment for a channel of this provider (secrets included). */
  env: Record<string, string>;
  /** Customer message `i` (one of 50 customers), signed for a server at `base`. */
  post(i: number, base: string): PostedWebhook;
}

const metaSecret = 'sample-app-secret-0123456789';
const phoneNumberId = '123456789012345';
const twilioToken = 'sample-twilio-auth-token-0123';
const d360Token = 'sample-d360-webhook-token-0123456789';
const chirpSecret = 'sample-chirp-webhook-secret-0123456789';
const chirpNumber = '4930901820';

const customer = (i: number) => `49160${String(i % 50).padStart(7, '0')}`;
const text = (i: number) => `Nachricht ${i} 😀`;
const name = (i: number) => `Kundin ${i % 50} ü`;

function metaJson(i: number) {
  const id = `wamid.SAMPLE${String(i).padStart(7, '0')}`;
  const body = metaTextWebhook({ waId: customer(i), wamid: id, name: name(i), body: text(i), phoneNumberId });
  return { id, raw: Buffer.from(metaJsonStringify(body)) };
}

/** The worked example of docs/custom-providers.md in a file of its own, for `SWITCHBOARD_CONFIG`. */
function chirpConfigFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'switchboard-chirp-')), 'switchboard.config.json');
  writeFileSync(path, workedExampleConfig());
  return path;
}

/**
 * Each provider's webhook path, proof and body for the same customer messages: what the SIGKILL
 * burst tests and `bench/providers` post. Outbound calls go to the discard port (nothing listens).
 */
export function providerWebhookSamples(): ProviderWebhookSample[] {
  return [
    {
      name: 'Meta',
      env: {
        WHATSAPP_PROVIDER: 'meta',
        META_APP_SECRET: metaSecret,
        META_VERIFY_TOKEN: 'sample-verify',
        META_PHONE_NUMBER_ID: phoneNumberId,
        META_ACCESS_TOKEN: 'sample-access-token',
        META_GRAPH_URL: 'http://127.0.0.1:9/v23.0',
      },
      post: (i) => {
        const { id, raw } = metaJson(i);
        const headers = {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaPayload(raw, metaSecret),
        };
        return { id, path: '/webhooks/meta', headers, body: raw };
      },
    },
    {
      name: '360dialog',
      env: {
        WHATSAPP_PROVIDER: '360dialog',
        D360_API_KEY: 'sample-d360-api-key',
        // Nothing listens there: the start-up registration fails, logged, and the server runs on.
        D360_BASE_URL: 'http://127.0.0.1:9',
        D360_PHONE_NUMBER_ID: phoneNumberId,
        D360_WEBHOOK_TOKEN: d360Token,
      },
      post: (i) => {
        const { id, raw } = metaJson(i);
        const headers = { 'content-type': 'application/json', 'x-switchboard-webhook-token': d360Token };
        return { id, path: '/webhooks/360dialog', headers, body: raw };
      },
    },
    {
      name: 'Twilio',
      env: {
        WHATSAPP_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: twilioToken,
        TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
        TWILIO_API_URL: 'http://127.0.0.1:9',
      },
      post: (i, base) => {
        const id = `SMSAMPLE${String(i).padStart(7, '0')}`;
        const params = new URLSearchParams({
          MessageSid: id,
          From: `whatsapp:+${customer(i)}`,
          To: 'whatsapp:+14155238886',
          WaId: customer(i),
          ProfileName: name(i),
          Body: text(i),
          NumMedia: '0',
          SmsStatus: 'received',
        });
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(twilioToken, `${base}/webhooks/twilio`, params),
        };
        return { id, path: '/webhooks/twilio', headers, body: Buffer.from(params.toString()) };
      },
    },
    {
      name: 'custom',
      env: {
        WHATSAPP_PROVIDER: 'custom',
        SWITCHBOARD_CONFIG: chirpConfigFile(),
        CHIRP_API_URL: 'http://127.0.0.1:9',
        CHIRP_API_KEY: 'sample-chirp-api-key',
        CHIRP_WEBHOOK_SECRET: chirpSecret,
      },
      post: (i) => {
        const id = `wamid.CHIRP${String(i).padStart(7, '0')}`;
        const raw = JSON.stringify({
          events: [
            {
              type: 'message.received',
              at: new Date().toISOString(),
              message: {
                id,
                from: `+${customer(i)}`,
                to: `+${chirpNumber}`,
                contact: { name: name(i) },
                content: { kind: 'text', text: text(i) },
                inReplyTo: null,
              },
            },
          ],
        });
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = createHmac('sha256', chirpSecret).update(`${timestamp}.${raw}`).digest('base64');
        const headers = {
          'content-type': 'application/json',
          'chirp-timestamp': timestamp,
          'chirp-signature': `v1=${signature}`,
        };
        return { id, path: '/webhooks/custom/chirp', headers, body: Buffer.from(raw) };
      },
    },
  ];
}
