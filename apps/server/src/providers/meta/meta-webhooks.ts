import { verifyMetaSignature } from '@switchboard/whatsapp/signature';
import type { ProviderWebhooks, WebhookRequest } from '../provider-webhooks.js';
import { normalizeMetaWebhook } from './normalize-webhook.js';

/**
 * Meta's webhooks: `X-Hub-Signature-256` (HMAC-SHA256 of the raw bytes with an app secret) and
 * the Cloud API's JSON envelope (docs/webhooks.md, docs/inbound-types.md).
 */
export const metaWebhooks: ProviderWebhooks = {
  verify(request: WebhookRequest, appSecrets: readonly string[]): boolean {
    const header = request.headers['x-hub-signature-256'];
    return verifyMetaSignature(request.body, typeof header === 'string' ? header : undefined, appSecrets);
  },
  normalize(body: Buffer) {
    return normalizeMetaWebhook(JSON.parse(body.toString('utf8')));
  },
};
