import {
  conversationPatchSchema,
  conversationSchema,
  openConversationBodySchema,
  openConversationResponseSchema,
} from '@switchboard/protocol';
import { z } from 'zod';

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const listQuery = z.object({
  ref: z.string().min(1).max(200).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const conversationPage = z.object({
  data: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export {
  conversationPatchSchema,
  conversationSchema,
  openConversationBodySchema,
  openConversationResponseSchema,
};
