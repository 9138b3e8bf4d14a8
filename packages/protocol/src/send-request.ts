import {
  CONTACTS_PER_MESSAGE_MAX,
  INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH,
  INTERACTIVE_LIMITS,
  MEDIA_CAPTION_MAX_LENGTH,
  TEMPLATE_LIMITS,
  TEXT_BODY_MAX_LENGTH,
} from '@switchboard/whatsapp';
import { z } from 'zod';
import { refSchema } from './conversation.js';

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
 * One file on purpose, though long: it is the whole send contract, and the helpers at the top keep
 * every field's message in the same words.
 */

const charCount = (text: string): number => [...text].length;

type RawIssue = z.core.$ZodRawIssue;

/** "media.caption is required" / "… must be a string" for a missing or wrongly typed field. */
const fieldError =
  (path: string, expected: string) =>
  (issue: RawIssue): string =>
    issue.input === undefined ? `${path} is required` : `${path} must be ${expected}`;

/** A string of 1 to `max` characters. */
function text(path: string, max: number) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .refine((value) => value.length > 0 && charCount(value) <= max, `${path} must be 1–${max} characters`);
}

/** A string that must not be empty (WhatsApp treats "" as a missing parameter). */
function nonEmpty(path: string) {
  return z.string({ error: fieldError(path, 'a string') }).min(1, `${path} must not be empty`);
}

/** One of our ids (a message or media id). */
function ourId(path: string) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .trim()
    .min(1, `${path} must not be empty`)
    .max(100, `${path} must be at most 100 characters`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A link WhatsApp fetches or opens: http(s) only, as Meta requires. */
function httpUrl(path: string) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .refine(isHttpUrl, `${path} must be an http:// or https:// URL`);
}

/** A strict object whose errors name it and list the keys it takes. */
function object<Shape extends z.ZodRawShape>(path: string, shape: Shape, what = path) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key}"`).join(', ');
        return `${what} does not take ${keys}; allowed: ${allowed}`;
      }
      return fieldError(path, 'an object')(issue);
    },
  });
}

/** A list of `min`–`max` items (no upper bound when `max` is undefined). */
function list<Item extends z.ZodType>(path: string, item: Item, min: number, max?: number) {
  const range = max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `${min}–${max}`;
  const message = `${path} must have ${range} item${max === 1 ? '' : 's'}`;
  const schema = z.array(item, { error: fieldError(path, 'an array') }).min(min, message);
  return max === undefined ? schema : schema.max(max, message);
}

/** Exactly one of two keys, such as a media `id` or `url`. */
function exactlyOne(value: object, a: string, b: string): boolean {
  const has = (key: string) => (value as Record<string, unknown>)[key] !== undefined;
  return has(a) !== has(b);
}

function notAnObject(value: unknown): boolean {
  return typeof value !== 'object' || value === null || Array.isArray(value);
}

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

const replyTo = ourId('replyTo').optional();

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

// ——— location ———

function coordinate(path: string, limit: number) {
  const message = `${path} must be a number from -${limit} to ${limit}`;
  return z
    .number({ error: fieldError(path, 'a number') })
    .min(-limit, message)
    .max(limit, message);
}

function locationObject(path: string) {
  return object(path, {
    latitude: coordinate(`${path}.latitude`, 90),
    longitude: coordinate(`${path}.longitude`, 180),
    name: nonEmpty(`${path}.name`).optional(),
    address: nonEmpty(`${path}.address`).optional(),
  });
}

const locationMember = object('the request body', {
  type: z.literal('location'),
  location: locationObject('location'),
  replyTo,
});

// ——— contacts (Cloud API contact cards) ———

const card = 'contacts[]';
const optionalStrings = <Key extends string>(path: string, keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, nonEmpty(`${path}.${key}`).optional()])) as Record<
    Key,
    z.ZodOptional<z.ZodString>
  >;

const contactCard = object(card, {
  name: object(`${card}.name`, {
    formatted_name: nonEmpty(`${card}.name.formatted_name`),
    ...optionalStrings(`${card}.name`, ['first_name', 'last_name', 'middle_name', 'suffix', 'prefix']),
  }),
  phones: list(
    `${card}.phones`,
    object(`${card}.phones[]`, {
      phone: nonEmpty(`${card}.phones[].phone`),
      ...optionalStrings(`${card}.phones[]`, ['type', 'wa_id']),
    }),
    0,
  ).optional(),
  emails: list(
    `${card}.emails`,
    object(`${card}.emails[]`, {
      email: nonEmpty(`${card}.emails[].email`),
      ...optionalStrings(`${card}.emails[]`, ['type']),
    }),
    0,
  ).optional(),
  urls: list(
    `${card}.urls`,
    object(`${card}.urls[]`, {
      url: nonEmpty(`${card}.urls[].url`),
      ...optionalStrings(`${card}.urls[]`, ['type']),
    }),
    0,
  ).optional(),
  addresses: list(
    `${card}.addresses`,
    object(
      `${card}.addresses[]`,
      optionalStrings(`${card}.addresses[]`, [
        'street',
        'city',
        'state',
        'zip',
        'country',
        'country_code',
        'type',
      ]),
    ),
    0,
  ).optional(),
  org: object(`${card}.org`, optionalStrings(`${card}.org`, ['company', 'department', 'title'])).optional(),
  birthday: z
    .string({ error: fieldError(`${card}.birthday`, 'a string') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${card}.birthday must be a date as YYYY-MM-DD`)
    .optional(),
});

const contactsMember = object('the request body', {
  type: z.literal('contacts'),
  contacts: list('contacts', contactCard, 1, CONTACTS_PER_MESSAGE_MAX),
  replyTo,
});

// ——— interactive (Cloud API interactive objects) ———

const ia = 'interactive';
const headerMediaShape = (kind: string) => ({
  id: ourId(`${ia}.header.${kind}.id`).optional(),
  link: httpUrl(`${ia}.header.${kind}.link`).optional(),
});
const oneHeaderSource = (kind: string) => ({
  message: `${ia}.header.${kind} must have exactly one of id (from POST /v1/media) or link`,
});

// The literal's message shows only for a list, whose header is text alone; elsewhere the union answers.
const textHeader = object(`${ia}.header`, {
  type: z.literal('text', { error: `${ia}.header.type must be "text" in a list message` }),
  text: text(`${ia}.header.text`, INTERACTIVE_LIMITS.headerTextMaxLength),
});
const imageHeader = object(`${ia}.header`, {
  type: z.literal('image'),
  image: object(`${ia}.header.image`, headerMediaShape('image')).refine(
    (m) => exactlyOne(m, 'id', 'link'),
    oneHeaderSource('image'),
  ),
});
const videoHeader = object(`${ia}.header`, {
  type: z.literal('video'),
  video: object(`${ia}.header.video`, headerMediaShape('video')).refine(
    (m) => exactlyOne(m, 'id', 'link'),
    oneHeaderSource('video'),
  ),
});
const documentHeader = object(`${ia}.header`, {
  type: z.literal('document'),
  document: object(`${ia}.header.document`, {
    ...headerMediaShape('document'),
    filename: nonEmpty(`${ia}.header.document.filename`).optional(),
  }).refine((m) => exactlyOne(m, 'id', 'link'), oneHeaderSource('document')),
});
const anyHeader = z.discriminatedUnion('type', [textHeader, imageHeader, videoHeader, documentHeader], {
  error: (issue) =>
    notAnObject(issue.input)
      ? `${ia}.header must be an object`
      : `${ia}.header.type must be one of text, image, video, document`,
});

const interactiveBody = object(`${ia}.body`, {
  text: text(`${ia}.body.text`, INTERACTIVE_LIMITS.bodyMaxLength),
});
const interactiveFooter = object(`${ia}.footer`, {
  text: text(`${ia}.footer.text`, INTERACTIVE_LIMITS.footerMaxLength),
}).optional();

const replyButton = object(`${ia}.action.buttons[]`, {
  type: z.literal('reply', { error: `${ia}.action.buttons[].type must be "reply"` }),
  reply: object(`${ia}.action.buttons[].reply`, {
    id: text(`${ia}.action.buttons[].reply.id`, INTERACTIVE_LIMITS.buttonIdMaxLength),
    title: text(`${ia}.action.buttons[].reply.title`, INTERACTIVE_LIMITS.buttonTitleMaxLength),
  }),
});

const buttonInteractive = object(ia, {
  type: z.literal('button'),
  header: anyHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    buttons: list(`${ia}.action.buttons`, replyButton, 1, INTERACTIVE_LIMITS.maxButtons).refine(
      (buttons) => unique(buttons.map((b) => b.reply.id)),
      `${ia}.action.buttons[].reply.id must be unique`,
    ),
  }),
});

const listRow = object(`${ia}.action.sections[].rows[]`, {
  id: text(`${ia}.action.sections[].rows[].id`, INTERACTIVE_LIMITS.rowIdMaxLength),
  title: text(`${ia}.action.sections[].rows[].title`, INTERACTIVE_LIMITS.rowTitleMaxLength),
  description: text(
    `${ia}.action.sections[].rows[].description`,
    INTERACTIVE_LIMITS.rowDescriptionMaxLength,
  ).optional(),
});
const listSection = object(`${ia}.action.sections[]`, {
  title: text(`${ia}.action.sections[].title`, INTERACTIVE_LIMITS.sectionTitleMaxLength).optional(),
  rows: list(`${ia}.action.sections[].rows`, listRow, 1),
});

/** Rows are limited across all sections; a title is required once there are several sections. */
const listSections = list(`${ia}.action.sections`, listSection, 1, INTERACTIVE_LIMITS.maxSections)
  .refine(
    (sections) => sections.reduce((n, s) => n + s.rows.length, 0) <= INTERACTIVE_LIMITS.maxRows,
    `${ia}.action.sections must hold at most ${INTERACTIVE_LIMITS.maxRows} rows in total`,
  )
  .refine(
    (sections) => unique(sections.flatMap((s) => s.rows.map((r) => r.id))),
    `${ia}.action.sections[].rows[].id must be unique across all sections`,
  )
  .refine(
    (sections) => sections.length === 1 || sections.every((s) => s.title !== undefined),
    `${ia}.action.sections[].title is required when there is more than one section`,
  );

const listInteractive = object(ia, {
  type: z.literal('list'),
  header: textHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    button: text(`${ia}.action.button`, INTERACTIVE_LIMITS.listButtonMaxLength),
    sections: listSections,
  }),
});

const ctaUrlInteractive = object(ia, {
  type: z.literal('cta_url'),
  header: anyHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    name: z.literal('cta_url', { error: `${ia}.action.name must be "cta_url"` }),
    parameters: object(`${ia}.action.parameters`, {
      display_text: text(`${ia}.action.parameters.display_text`, INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH),
      url: httpUrl(`${ia}.action.parameters.url`),
    }),
  }),
});

const interactiveMember = object('the request body', {
  type: z.literal('interactive'),
  interactive: z.discriminatedUnion('type', [buttonInteractive, listInteractive, ctaUrlInteractive], {
    error: (issue) =>
      notAnObject(issue.input)
        ? `${ia} must be an object`
        : `${ia}.type must be one of button, list, cta_url`,
  }),
  replyTo,
});

// ——— template (Cloud API template components) ———

const tp = 'template.components[].parameters[]';
const parameterName = z
  .string({ error: fieldError(`${tp}.parameter_name`, 'a string') })
  .regex(/^[a-z0-9_]+$/, `${tp}.parameter_name may contain only lowercase letters, digits and underscores`)
  .optional();

const textParameter = object(tp, {
  type: z.literal('text'),
  parameter_name: parameterName,
  text: text(`${tp}.text`, TEMPLATE_LIMITS.textParameterMaxLength),
});
const currencyParameter = object(tp, {
  type: z.literal('currency'),
  parameter_name: parameterName,
  currency: object(`${tp}.currency`, {
    fallback_value: nonEmpty(`${tp}.currency.fallback_value`),
    code: z
      .string({ error: fieldError(`${tp}.currency.code`, 'a string') })
      .regex(/^[A-Za-z]{3}$/, `${tp}.currency.code must be an ISO 4217 code such as USD`),
    amount_1000: z
      .number({ error: fieldError(`${tp}.currency.amount_1000`, 'a number') })
      .int(`${tp}.currency.amount_1000 must be an integer (the amount × 1000)`),
  }),
});
const dateTimeParameter = object(tp, {
  type: z.literal('date_time'),
  parameter_name: parameterName,
  date_time: object(`${tp}.date_time`, { fallback_value: nonEmpty(`${tp}.date_time.fallback_value`) }),
});

const templateMedia = (kind: string) =>
  object(`${tp}.${kind}`, {
    id: ourId(`${tp}.${kind}.id`).optional(),
    link: httpUrl(`${tp}.${kind}.link`).optional(),
  }).refine((m) => exactlyOne(m, 'id', 'link'), {
    message: `${tp}.${kind} must have exactly one of id (from POST /v1/media) or link`,
  });
const imageParameter = object(tp, { type: z.literal('image'), image: templateMedia('image') });
const videoParameter = object(tp, { type: z.literal('video'), video: templateMedia('video') });
const documentParameter = object(tp, {
  type: z.literal('document'),
  document: object(`${tp}.document`, {
    id: ourId(`${tp}.document.id`).optional(),
    link: httpUrl(`${tp}.document.link`).optional(),
    filename: nonEmpty(`${tp}.document.filename`).optional(),
  }).refine((m) => exactlyOne(m, 'id', 'link'), {
    message: `${tp}.document must have exactly one of id (from POST /v1/media) or link`,
  }),
});
const locationParameter = object(tp, {
  type: z.literal('location'),
  location: locationObject(`${tp}.location`),
});
const payloadParameter = object(tp, { type: z.literal('payload'), payload: nonEmpty(`${tp}.payload`) });
const couponParameter = object(tp, {
  type: z.literal('coupon_code'),
  coupon_code: text(`${tp}.coupon_code`, TEMPLATE_LIMITS.couponCodeMaxLength),
});

const parameterUnion = <
  Options extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(
  where: string,
  allowed: string,
  options: Options,
) =>
  z.discriminatedUnion('type', options, {
    error: (issue) =>
      notAnObject(issue.input)
        ? `${tp} must be an object`
        : `${tp}.type must be one of ${allowed} in a ${where} component`,
  });

/** Named parameters (`parameter_name`) or positional ones, not both in one component. */
const namedOrPositional = {
  message: `${tp}.parameter_name must be given on every parameter of a component or on none`,
};
const allOrNoneNamed = (parameters: readonly { parameter_name?: string }[]) => {
  const named = parameters.filter((p) => p.parameter_name !== undefined).length;
  return named === 0 || named === parameters.length;
};

const headerComponent = object('template.components[]', {
  type: z.literal('header'),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('header', 'text, image, video, document, location', [
      textParameter,
      imageParameter,
      videoParameter,
      documentParameter,
      locationParameter,
    ]),
    1,
    1,
  ),
});
const bodyComponent = object('template.components[]', {
  type: z.literal('body'),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('body', 'text, currency, date_time', [
      textParameter,
      currencyParameter,
      dateTimeParameter,
    ]),
    1,
  ).refine(allOrNoneNamed, namedOrPositional),
});
const buttonParameterTypes = { quick_reply: 'payload', url: 'text', copy_code: 'coupon_code' } as const;
const buttonComponent = object('template.components[]', {
  type: z.literal('button'),
  sub_type: z.enum(['quick_reply', 'url', 'copy_code'], {
    error: 'template.components[].sub_type must be one of quick_reply, url, copy_code',
  }),
  /** The button's position in the template; Meta documents a string ("0"), clients send both. */
  index: z.union([z.number().int(), z.string().regex(/^\d+$/)], {
    error: 'template.components[].index must be the button position, such as "0"',
  }),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('button', 'payload, text, coupon_code', [
      payloadParameter,
      textParameter,
      couponParameter,
    ]),
    1,
    1,
  ),
})
  .refine((button) => Number(button.index) < TEMPLATE_LIMITS.maxButtons, {
    message: `template.components[].index must be from 0 to ${TEMPLATE_LIMITS.maxButtons - 1}`,
    path: ['index'],
  })
  .refine((button) => button.parameters.every((p) => p.type === buttonParameterTypes[button.sub_type]), {
    message:
      'template.components[].parameters[].type must be payload for quick_reply, text for url, coupon_code for copy_code',
    path: ['parameters'],
  });

const templateComponent = z.discriminatedUnion('type', [headerComponent, bodyComponent, buttonComponent], {
  error: (issue) =>
    notAnObject(issue.input)
      ? 'template.components[] must be an object'
      : 'template.components[].type must be one of header, body, button',
});

const templateComponents = list('template.components', templateComponent, 0)
  .refine(
    (components) =>
      components.filter((c) => c.type === 'header').length <= 1 &&
      components.filter((c) => c.type === 'body').length <= 1,
    'template.components may hold one header and one body component',
  )
  .refine(
    (components) => unique(components.flatMap((c) => (c.type === 'button' ? [String(Number(c.index))] : []))),
    'template.components[].index must be unique among button components',
  );

const templateMember = object('the request body', {
  type: z.literal('template'),
  template: object('template', {
    name: z
      .string({ error: fieldError('template.name', 'a string') })
      .regex(/^[a-z0-9_]+$/, 'template.name may contain only lowercase letters, digits and underscores')
      .max(
        TEMPLATE_LIMITS.nameMaxLength,
        `template.name must be at most ${TEMPLATE_LIMITS.nameMaxLength} characters`,
      ),
    language: object('template.language', {
      code: nonEmpty('template.language.code'),
      policy: z
        .literal('deterministic', { error: 'template.language.policy must be "deterministic"' })
        .optional(),
    }),
    components: templateComponents.optional(),
  }),
  replyTo,
});

// ——— reaction ———

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const isOneEmoji = (value: string) => [...graphemes.segment(value)].length === 1 && EMOJI.test(value);

/** A reaction never quotes a message, so it takes no `replyTo`. */
const reactionMember = object('the request body', {
  type: z.literal('reaction'),
  reaction: object('reaction', {
    /** Ours: the message reacted to. */
    messageId: ourId('reaction.messageId'),
    emoji: z
      .string({ error: fieldError('reaction.emoji', 'a string') })
      .refine(
        (emoji) => emoji === '' || isOneEmoji(emoji),
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
