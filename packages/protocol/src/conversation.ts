import { z } from 'zod';
import { messageTypes } from './message.js';

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

/** What a conversation list shows of the newest message (a reaction counts, an edit does not). */
export const lastMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.enum(messageTypes),
  /** The message's words, one line (`previewText`); null when its type says it all. */
  text: z.string().nullable(),
  at: z.string(),
});
export type LastMessage = z.infer<typeof lastMessageSchema>;

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
  lastMessage: lastMessageSchema.nullable(),
  /** Outbound messages that failed and were not retried: the list's failed badge. */
  failedCount: z.number().int(),
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

/**
 * A phone number as people type it: `+49 30 1234-5678`, `(030) …` is not accepted (no country
 * code), but spaces, dashes, dots and brackets around the digits are. Normalized to the digits
 * (the WhatsApp id).
 */
export const phoneNumberSchema = z
  .string({ error: 'phone must be a string' })
  .trim()
  .transform((phone) => phone.replace(/[\s\-.()]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        /^\+?[1-9]\d{6,14}$/,
        'phone must be an international number with its country code, such as +49 30 1234 5678',
      ),
  )
  .transform((phone) => (phone.startsWith('+') ? phone.slice(1) : phone));

/**
 * `POST /v1/conversations`: the conversation with this number on the channel (created when there
 * is none yet), with `ref` added to its refs. An agent token must name one of its own refs.
 */
export const openConversationBodySchema = z
  .object({
    phone: phoneNumberSchema,
    ref: refSchema.optional(),
    channelId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type OpenConversationBody = z.input<typeof openConversationBodySchema>;

export const openConversationResponseSchema = z.object({ conversation: conversationSchema });
