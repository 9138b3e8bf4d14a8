import { customProviderKey } from '../../config/config-schema.js';
import type { InboundBatch } from '../../domain/inbound-batch.js';
import type { ProviderWebhooks, WebhookRequest } from '../provider-webhooks.js';
import type { CustomProviderDefinition } from './compile-custom-provider.js';
import { customItemsToBatch } from './custom-inbound-items.js';
import { verifyHmacSignature } from './verify-hmac-signature.js';

/**
 * A custom provider's webhooks (`POST /webhooks/custom/<name>`, docs/custom-providers.md): proven
 * by the HMAC its definition declares (the secret is the definition's, which the channel registry
 * hands over for each of the provider's channels), and normalized by its `receive.messages` and `receive.statuses` expressions. A body
 * the expressions fail on (including a guardrail: timeout, stack, sequence) throws, which records
 * a processing error on the stored webhook and retries it later: a corrected definition picks it
 * up after a restart.
 */
export function customWebhooks(
  definition: CustomProviderDefinition,
  now: () => number = Date.now,
): ProviderWebhooks {
  const { receive } = definition;
  return {
    verify(request: WebhookRequest, secrets: readonly string[]): boolean {
      return verifyHmacSignature(receive.signature, secrets, request.body, request.headers, now());
    },
    async normalize(body: Buffer, receivedAt: number): Promise<InboundBatch> {
      const input =
        receive.bodyFormat === 'form' ? formObject(body) : (JSON.parse(body.toString('utf8')) as unknown);
      const messages = receive.messages ? await receive.messages.evaluate(input) : undefined;
      const statuses = receive.statuses ? await receive.statuses.evaluate(input) : undefined;
      return customItemsToBatch(messages, statuses, receivedAt);
    },
  };
}

/** Each declared provider's webhook adapter, by the provider name its webhooks are stored under. */
export function customProviderWebhooks(
  definitions: ReadonlyMap<string, CustomProviderDefinition> = new Map(),
): ReadonlyMap<string, ProviderWebhooks> {
  return new Map(
    [...definitions].map(([name, definition]) => [customProviderKey(name), customWebhooks(definition)]),
  );
}

/** Form fields as an object: one value as a string, a repeated field as an array. */
function formObject(body: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const existing = out[name];
    out[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
