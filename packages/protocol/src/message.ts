import { z } from 'zod';
import type { MessageContentByType } from './message-content.js';

/** Types of message content; inbound covers every type the Cloud API sends. */
export const messageTypes = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'order',
  'system',
  'edit',
  'revoke',
  'template',
  'unsupported',
] as const;
export type MessageType = (typeof messageTypes)[number];
export const mediaMessageTypes = ['image', 'audio', 'video', 'document', 'sticker'] as const;

/**
 * Message status. Outbound: queued → sending → accepted → sent → delivered → read → played, or
 * failed; inbound: received → read. Status only moves forward by `statusRank`.
 */
export const messageStatuses = [
  'received',
  'queued',
  'sending',
  'accepted',
  'sent',
  'delivered',
  'failed',
  'read',
  'played',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** An error reported by the provider (or by us) for one message. */
export const messageErrorSchema = z.object({
  code: z.union([z.number(), z.string()]),
  title: z.string(),
  message: z.string(),
  details: z.string().nullable(),
  retryable: z.boolean(),
});
export type MessageError = z.infer<typeof messageErrorSchema>;

export const mediaRefSchema = z.object({
  id: z.string(),
  providerMediaId: z.string().nullable(),
  mimeType: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  filename: z.string().nullable(),
  status: z.enum(['pending', 'ready', 'failed']),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const reactionSchema = z.object({
  emoji: z.string(),
  from: z.enum(['contact', 'business']),
  at: z.string(),
});
export type Reaction = z.infer<typeof reactionSchema>;

/** Click-to-WhatsApp ad or post that started the conversation. */
export const referralSchema = z.object({
  sourceUrl: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceType: z.string().nullable(),
  headline: z.string().nullable(),
  body: z.string().nullable(),
  mediaType: z.string().nullable(),
  imageUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  ctwaClid: z.string().nullable(),
  welcomeMessage: z.string().nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

/** The quoted message of a reply, as the provider named it (resolved to ours in `replyTo`). */
export const messageContextSchema = z.object({
  providerMessageId: z.string().nullable(),
  from: z.string().nullable(),
  referredProduct: z.object({ catalogId: z.string(), productRetailerId: z.string() }).nullable(),
});

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channelId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.enum(messageTypes),
  /** Normalized per type; see docs/inbound-types.md for each shape. */
  content: z.record(z.string(), z.unknown()),
  /** The content as it first arrived, before the customer's first edit; null if never edited. */
  originalContent: z.record(z.string(), z.unknown()).nullable(),
  providerMessageId: z.string().nullable(),
  status: z.enum(messageStatuses),
  error: messageErrorSchema.nullable(),
  replyTo: z.string().nullable(),
  context: messageContextSchema.nullable(),
  forwarded: z.boolean(),
  frequentlyForwarded: z.boolean(),
  referral: referralSchema.nullable(),
  reactions: z.array(reactionSchema),
  media: mediaRefSchema.nullable(),
  clientMessageId: z.string().nullable(),
  sentBy: z.string().nullable(),
  editedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  updatedAt: z.string(),
});
/** A message as the wire schema describes it: `content` not yet narrowed by `type`. */
export type MessageRecord = z.infer<typeof messageSchema>;

/**
 * A message: a discriminated union on `type`, each member with its own `content` shape
 * (message-content.ts). Narrow on `type` to read the content:
 * @example
 * if (message.type === 'text') console.log(message.content.body);
 */
export type Message = {
  [T in MessageType]: Omit<MessageRecord, 'type' | 'content' | 'originalContent'> & {
    type: T;
    content: MessageContentByType[T];
    originalContent: MessageContentByType[T] | null;
  };
}[MessageType];

/** The message of one type. */
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** One entry of a message's status history. */
export const timelineEntrySchema = z.object({
  status: z.enum(messageStatuses),
  at: z.string(),
  receivedAt: z.string(),
  error: messageErrorSchema.nullable(),
  pricing: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
