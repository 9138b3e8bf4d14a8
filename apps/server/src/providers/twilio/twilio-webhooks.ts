import type { ProviderWebhooks, WebhookRequest } from '../provider-webhooks.js';
import { normalizeTwilioWebhook } from './normalize-twilio-webhook.js';
import { verifyTwilioSignature } from './twilio-signature.js';

/**
 * Twilio's webhooks (incoming messages and status callbacks at `POST /webhooks/twilio`): form
 * parameters, proven by `X-Twilio-Signature` over the public URL Twilio called and the sorted
 * parameters, with a channel's auth token (docs/providers.md, Twilio).
 */
export const twilioWebhooks: ProviderWebhooks = {
  verify(request: WebhookRequest, authTokens: readonly string[]): boolean {
    const header = request.headers['x-twilio-signature'];
    const params = new URLSearchParams(request.body.toString('utf8'));
    return verifyTwilioSignature(
      typeof header === 'string' ? header : undefined,
      authTokens,
      request.url,
      params,
    );
  },
  normalize(body: Buffer, receivedAt: number) {
    return normalizeTwilioWebhook(new URLSearchParams(body.toString('utf8')), receivedAt);
  },
};
