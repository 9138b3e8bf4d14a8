import { messageErrorSchema, messageTypes, referralSchema } from '@switchboard/protocol';
import { z } from 'zod';
import type { InboundBatch } from './inbound-batch.js';

// Ids as the provider sent them: an empty one is kept (and handled by the store) rather than refused.
const party = z.object({ waId: z.string().nullable(), userId: z.string().nullable() });
const epochMs = z.number().int().nonnegative();
const providerId = z.string().min(1).max(512);

const inboundMediaSchema = z.object({
  providerMediaId: z.string().min(1),
  mimeType: z.string().nullable(),
  sha256: z.string().nullable(),
  filename: z.string().nullable(),
  url: z.string().nullable(),
});

const inboundMessageSchema = z.object({
  providerMessageId: providerId,
  from: party,
  timestamp: epochMs,
  type: z.enum(messageTypes),
  content: z.record(z.string(), z.unknown()),
  media: inboundMediaSchema.nullable(),
  context: z
    .object({
      providerMessageId: z.string().nullable(),
      from: z.string().nullable(),
      referredProduct: z.object({ catalogId: z.string(), productRetailerId: z.string() }).nullable(),
    })
    .nullable(),
  forwarded: z.boolean(),
  frequentlyForwarded: z.boolean(),
  referral: referralSchema.nullable(),
  targetProviderMessageId: z.string().nullable(),
});

const inboundStatusSchema = z.object({
  providerMessageId: providerId,
  previousProviderMessageId: providerId.nullish(),
  status: z.enum(['sent', 'delivered', 'read', 'played', 'failed']),
  timestamp: epochMs,
  recipient: party,
  error: messageErrorSchema.nullable(),
  pricing: z.record(z.string(), z.unknown()).nullable(),
  bizOpaqueCallbackData: z.string().nullable(),
});

/**
 * The one runtime check every provider adapter's output passes before the store sees it: an
 * adapter that builds a wrong batch (a JSONata expression of a custom provider, a bug) fails the
 * webhook with a recorded processing error instead of writing nonsense.
 */
export const inboundBatchSchema = z.object({
  changes: z.array(
    z.object({
      phoneNumberId: z.string().min(1),
      displayPhoneNumber: z.string().nullable(),
      contacts: z.array(
        z.object({
          waId: z.string().nullable(),
          userId: z.string().nullable(),
          parentUserId: z.string().nullable(),
          username: z.string().nullable(),
          profileName: z.string().nullable(),
        }),
      ),
      messages: z.array(inboundMessageSchema),
      statuses: z.array(inboundStatusSchema),
      errors: z.array(messageErrorSchema),
    }),
  ),
  ignored: z.array(z.object({ reason: z.string(), field: z.string().optional() })),
  problems: z.array(z.string()),
});

// The schema and the interfaces describe the same thing: this stops compiling when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inSync: Same<z.infer<typeof inboundBatchSchema>, InboundBatch> = true;
void inSync;

/** The batch if it matches the schema; else an error naming the first wrong fields. */
export function checkInboundBatch(batch: unknown): InboundBatch {
  const result = inboundBatchSchema.safeParse(batch);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(batch)'}: ${issue.message}`)
    .join('; ');
  throw new InvalidInboundBatchError(`the provider adapter produced an invalid inbound batch: ${where}`);
}

export class InvalidInboundBatchError extends Error {
  override readonly name = 'InvalidInboundBatchError';
}
