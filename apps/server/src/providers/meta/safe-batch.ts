import { messageErrorSchema, messageTypes, referralSchema } from '@switchboard/protocol';
import { z } from 'zod';
import type { InboundBatch } from '../../domain/inbound-batch.js';
import { normalizeMetaWebhook } from './normalize-webhook.js';

// For the property and hostile-input tests: what every batch must be, whatever the payload.

// Generous: the deepest kept-as-is object (a Flow response, depth 12) sits a few levels into a batch.
const maxDepth = 24;

const id = z.string().min(1);
const str = z.string().nullable();
const messageSchema = z.strictObject({
  providerMessageId: id,
  from: z.strictObject({ waId: str, userId: str }),
  timestamp: z.number().int().nonnegative(),
  type: z.enum(messageTypes),
  content: z.record(z.string(), z.unknown()),
  media: z
    .strictObject({ providerMediaId: id, mimeType: str, sha256: str, filename: str, url: str })
    .nullable(),
  context: z
    .strictObject({
      providerMessageId: str,
      from: str,
      referredProduct: z.strictObject({ catalogId: z.string(), productRetailerId: z.string() }).nullable(),
    })
    .nullable(),
  forwarded: z.boolean(),
  frequentlyForwarded: z.boolean(),
  referral: referralSchema.strict().nullable(),
  targetProviderMessageId: str,
});
const batchSchema = z.strictObject({
  changes: z.array(
    z.strictObject({
      phoneNumberId: id,
      displayPhoneNumber: str,
      contacts: z.array(
        z.strictObject({ waId: str, userId: str, parentUserId: str, username: str, profileName: str }),
      ),
      messages: z.array(messageSchema),
      statuses: z.array(
        z.strictObject({
          providerMessageId: id,
          status: z.enum(['sent', 'delivered', 'read', 'played', 'failed']),
          timestamp: z.number().int().nonnegative(),
          recipient: z.strictObject({ waId: str, userId: str }),
          error: messageErrorSchema.strict().nullable(),
          pricing: z.record(z.string(), z.unknown()).nullable(),
          bizOpaqueCallbackData: str,
        }),
      ),
      errors: z.array(messageErrorSchema.strict()),
    }),
  ),
  ignored: z.array(z.strictObject({ reason: z.string(), field: z.string().optional() })),
  problems: z.array(z.string()),
});

/**
 * Normalizes `payload` and checks the result: the InboundBatch shape (strict, so no stray keys), and
 * plain, shallow JSON throughout, so the store can `JSON.stringify` it (which recurses) without a
 * stack overflow and without losing values. Throws on the first violation.
 */
export function normalizeSafely(payload: unknown): InboundBatch {
  const batch = normalizeMetaWebhook(payload);
  batchSchema.parse(batch);
  const stack: [unknown, number][] = [[batch, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, depth] = next;
    if (depth > maxDepth) throw new Error(`batch nested deeper than ${maxDepth}`);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
    } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const item of Object.values(v)) stack.push([item, depth + 1]);
    } else throw new Error(`not JSON: ${typeof v}`);
  }
  JSON.stringify(batch);
  return batch;
}
