import { checkInboundBatch } from '../domain/inbound-batch-schema.js';
import type { InboundBatch } from '../domain/inbound-batch.js';
import { d360Webhooks } from './d360/d360-webhooks.js';
import { metaWebhooks } from './meta/meta-webhooks.js';
import { twilioWebhooks } from './twilio/twilio-webhooks.js';
import type { ProviderWebhooks } from './provider-webhooks.js';

/** The webhook adapters of the built-in providers, by the provider name stored with each webhook. */
const builtIn: Readonly<Record<string, ProviderWebhooks>> = {
  meta: metaWebhooks,
  '360dialog': d360Webhooks,
  twilio: twilioWebhooks,
};

/** A stored webhook's body as an inbound batch, by its provider. */
export type WebhookNormalizer = (provider: string, body: Buffer, receivedAt: number) => Promise<InboundBatch>;

/**
 * Normalizes a stored webhook with its provider's adapter — a built-in one, or a custom provider's
 * (stored as `custom:<name>`, see `customProviderKey`) — then checks it against the one schema
 * every adapter's output must match. Rejects (a recorded processing error, retried later) for an
 * unknown provider, an unreadable body or an invalid batch.
 */
export function webhookNormalizer(
  custom: ReadonlyMap<string, ProviderWebhooks> = new Map(),
): WebhookNormalizer {
  return async (provider, body, receivedAt) => {
    const adapter = builtIn[provider] ?? custom.get(provider);
    if (!adapter) throw new Error(`no webhook adapter for provider "${provider}"`);
    return checkInboundBatch(await adapter.normalize(body, receivedAt));
  };
}

/** The built-in providers' normalizer. */
export const normalizeStoredWebhook: WebhookNormalizer = webhookNormalizer();
