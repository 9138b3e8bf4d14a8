import { checkInboundBatch } from '../domain/inbound-batch-schema.js';
import type { InboundBatch } from '../domain/inbound-batch.js';
import { d360Webhooks } from './d360/d360-webhooks.js';
import { metaWebhooks } from './meta/meta-webhooks.js';
import { twilioWebhooks } from './twilio/twilio-webhooks.js';
import type { ProviderWebhooks } from './provider-webhooks.js';

/** The webhook adapters by the provider name stored with each webhook. */
const byProvider: Readonly<Record<string, ProviderWebhooks>> = {
  meta: metaWebhooks,
  '360dialog': d360Webhooks,
  twilio: twilioWebhooks,
};

/**
 * A stored webhook as an inbound batch: normalized by its provider's adapter, then checked
 * against the one schema every adapter's output must match. Throws (a recorded processing error,
 * retried later) for an unknown provider, an unreadable body or an invalid batch.
 */
export function normalizeStoredWebhook(provider: string, body: Buffer, receivedAt: number): InboundBatch {
  const adapter = byProvider[provider];
  if (!adapter) throw new Error(`no webhook adapter for provider "${provider}"`);
  return checkInboundBatch(adapter.normalize(body, receivedAt));
}
