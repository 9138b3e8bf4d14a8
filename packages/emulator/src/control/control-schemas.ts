import { z } from 'zod';

/** Bodies and queries of the control API (the message body is `customerMessageInputSchema`). */
export const addCustomerBody = z
  .object({
    waId: z.string().regex(/^[1-9]\d{6,14}$/, 'a wa_id: digits with country code, no "+"'),
    name: z.string().trim().min(1).max(256),
    undeliverable: z.boolean().optional(),
  })
  .strict();

export const phoneNumberQuery = z.object({ phoneNumberId: z.string().min(1).optional() });

export const readBody = z.object({ phoneNumberId: z.string().min(1).optional() }).strict();

export const webhooksQuery = z.object({
  state: z.enum(['withheld', 'pending', 'delivered', 'failed', 'recorded']).optional(),
});

export const waIdParams = z.object({ waId: z.string().min(1) });
