import { z } from 'zod';

export const contactSchema = z.object({
  id: z.string(),
  /** Phone digits without "+"; null for a username-only WhatsApp user. */
  waId: z.string().nullable(),
  /** Business-scoped user id (BSUID), where the provider sends it. */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  profileName: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  contact: contactSchema,
  /** External references (the app's case ids). */
  refs: z.array(z.string()),
  assignee: z.string().nullable(),
  unreadCount: z.number().int(),
  lastMessageAt: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  /** 24 h after the contact's last inbound message; free-form sends are refused after it. */
  windowExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const refSchema = z.string().trim().min(1).max(200);

export const conversationPatchSchema = z
  .object({
    refs: z.array(refSchema).max(50).optional(),
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export type ConversationPatch = z.infer<typeof conversationPatchSchema>;
