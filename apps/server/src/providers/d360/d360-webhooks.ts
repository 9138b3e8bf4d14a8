import { matchesAnySecret } from '../../lib/secret-match.js';
import { normalizeMetaWebhook } from '../meta/normalize-webhook.js';
import type { ProviderWebhooks, WebhookRequest } from '../provider-webhooks.js';

/** The header 360dialog sends with every webhook, as Switchboard registered it (D360_WEBHOOK_TOKEN). */
export const d360WebhookTokenHeader = 'x-switchboard-webhook-token';

/**
 * 360dialog's webhooks carry Meta's payload but no Meta signature: the proof of origin is the
 * token Switchboard gave 360dialog when it registered the webhook URL, compared in constant time.
 * The payload is normalized exactly as Meta's (docs/inbound-types.md).
 */
export const d360Webhooks: ProviderWebhooks = {
  verify(request: WebhookRequest, tokens: readonly string[]): boolean {
    const header = request.headers[d360WebhookTokenHeader];
    return matchesAnySecret(typeof header === 'string' ? header : undefined, tokens);
  },
  normalize(body: Buffer) {
    return normalizeMetaWebhook(JSON.parse(body.toString('utf8')));
  },
};
