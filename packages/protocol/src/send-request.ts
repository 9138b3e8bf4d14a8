import { isSingleEmoji, MEDIA_CAPTION_MAX_LENGTH, TEXT_BODY_MAX_LENGTH } from '@switchboard/whatsapp';
import { z } from 'zod';
import { refSchema } from './conversation.js';
import { contactsMember } from './send-request-contacts.js';
import {
  exactlyOne,
  fieldError,
  httpUrl,
  nonEmpty,
  notAnObject,
  object,
  ourId,
  replyTo,
  text,
} from './send-request-fields.js';
import { interactiveMember } from './send-request-interactive.js';
import { locationMember } from './send-request-location.js';
import { templateMember } from './send-request-template.js';

/*
 * The bodies of `POST /v1/conversations/:id/messages` and `POST /v1/messages` (product.md §5, "Send
 * bodies"). Where WhatsApp defines an object (contacts, interactive, template) it keeps the Cloud
 * API's own snake_case field names, so Meta's reference applies as written; where we define it
 * (media ids from `/v1/media`, message ids, `replyTo`) it is camelCase and the ids are ours.
 * Every object is strict: an unknown key is refused rather than silently dropped, since a typo
 * (`caption` on an audio) would otherwise vanish on the way to WhatsApp.
 *
 * Lengths are counted in Unicode code points, the lenient reading of Meta's "characters" that the
 * emulator uses too, so a body of emoji is not refused here while WhatsApp would accept it.
 * Every error message names the field (`interactive.action.buttons[].reply.title`); the zod
 * issue's `path` carries the exact indexes.
 *
 * The helpers that word every field's message are in send-request-fields.ts; the WhatsApp-defined
 * objects have a file each (location, contacts, interactive, template).
 */

// ——— text ———

const textMember = object('the request body', {
  type: z.literal('text'),
  text: object('text', {
    body: text('text.body', TEXT_BODY_MAX_LENGTH),
    previewUrl: z.boolean({ error: fieldError('text.previewUrl', 'true or false') }).optional(),
  }),
  replyTo,
});

// ——— media ———

const mediaRefShape = {
  /** Ours, from `POST /v1/media`. */
  id: ourId('media.id').optional(),
  url: httpUrl('media.url').optional(),
};
const captionedShape = {
  ...mediaRefShape,
  caption: text('media.caption', MEDIA_CAPTION_MAX_LENGTH).optional(),
};
const documentShape = { ...captionedShape, filename: nonEmpty('media.filename').optional() };

const oneMediaSource = {
  message: 'media must have exactly one of id (from POST /v1/media) or url',
} as const;

function mediaMember<Kind extends string, Shape extends z.ZodRawShape>(kind: Kind, shape: Shape) {
  return object('the request body', {
    type: z.literal(kind),
    media: object('media', shape, `${kind} media`).refine(
      (media) => exactlyOne(media, 'id', 'url'),
      oneMediaSource,
    ),
    replyTo,
  });
}

// ——— reaction ———

/** A reaction never quotes a message, so it takes no `replyTo`. */
const reactionMember = object('the request body', {
  type: z.literal('reaction'),
  reaction: object('reaction', {
    /** Ours: the message reacted to. */
    messageId: ourId('reaction.messageId'),
    emoji: z
      .string({ error: fieldError('reaction.emoji', 'a string') })
      .refine(
        (emoji) => emoji === '' || isSingleEmoji(emoji),
        'reaction.emoji must be a single emoji, or "" to remove the reaction',
      ),
  }),
});

// ——— the unions ———

const members = [
  textMember,
  mediaMember('image', captionedShape),
  mediaMember('video', captionedShape),
  mediaMember('audio', mediaRefShape),
  mediaMember('document', documentShape),
  mediaMember('sticker', mediaRefShape),
  locationMember,
  contactsMember,
  interactiveMember,
  templateMember,
  reactionMember,
] as const;

/** The `type`s a send body may have. */
export const sendMessageTypes = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
] as const;
export type SendMessageType = (typeof sendMessageTypes)[number];

const unionError = (issue: { input?: unknown }) =>
  notAnObject(issue.input)
    ? 'The body must be a JSON object with a "type"'
    : `type must be one of ${sendMessageTypes.join(', ')}`;

/** The body of `POST /v1/conversations/:id/messages`. */
export const sendMessageBodySchema = z.discriminatedUnion('type', members, { error: unionError });
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/**
 * `to` of `POST /v1/messages`: an international number, E.164 with or without the `+`, normalized
 * to its digits (the WhatsApp id of the recipient).
 */
export const recipientPhoneSchema = z
  .string({ error: fieldError('to', 'a string') })
  .trim()
  .regex(/^\+?[1-9]\d{6,14}$/, 'to must be a phone number in E.164 format, such as +16505551234')
  .transform((to) => (to.startsWith('+') ? to.slice(1) : to));

const toNumberShape = {
  to: recipientPhoneSchema,
  channelId: ourId('channelId').optional(),
  /** The app's reference (case id) the conversation gets. */
  ref: refSchema.optional(),
};

/** The body of `POST /v1/messages`: a send body plus the recipient, the channel and a ref. */
export const sendToNumberBodySchema = z.discriminatedUnion(
  'type',
  [
    textMember.extend(toNumberShape),
    members[1].extend(toNumberShape),
    members[2].extend(toNumberShape),
    members[3].extend(toNumberShape),
    members[4].extend(toNumberShape),
    members[5].extend(toNumberShape),
    locationMember.extend(toNumberShape),
    contactsMember.extend(toNumberShape),
    interactiveMember.extend(toNumberShape),
    templateMember.extend(toNumberShape),
    reactionMember.extend(toNumberShape),
  ],
  { error: unionError },
);
export type SendToNumberBody = z.infer<typeof sendToNumberBodySchema>;

/**
 * Our media id the body refers to, if any: the media of an image, video, audio, document or
 * sticker, or the media of an interactive header or of a template's header parameter. A body
 * refers to at most one, so the provider needs at most one of its own media ids to send it.
 */
export function sendBodyMediaId(body: SendMessageBody): string | null {
  switch (body.type) {
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return body.media.id ?? null;
    case 'interactive':
      return body.interactive.header ? (mediaSourceOf(body.interactive.header)?.id ?? null) : null;
    case 'template': {
      const header = body.template.components?.find((c) => c.type === 'header');
      const parameter = header?.type === 'header' ? header.parameters[0] : undefined;
      return parameter ? (mediaSourceOf(parameter)?.id ?? null) : null;
    }
    default:
      return null;
  }
}

interface MediaSource {
  id?: string | undefined;
  link?: string | undefined;
}

/** A header or header parameter that may carry media, keyed by its type as the Cloud API does. */
export type MediaPart =
  | { type: 'image'; image: MediaSource }
  | { type: 'video'; video: MediaSource }
  | { type: 'document'; document: MediaSource }
  | { type: 'text' | 'location' };

/** The `{id?, link?}` of an interactive header or template header parameter, if it is media. */
export function mediaSourceOf(part: MediaPart): MediaSource | undefined {
  switch (part.type) {
    case 'image':
      return part.image;
    case 'video':
      return part.video;
    case 'document':
      return part.document;
    default:
      return undefined;
  }
}
