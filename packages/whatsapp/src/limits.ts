/**
 * Documented limits of the WhatsApp Cloud API, in one place so the gateway and the emulator enforce
 * the same numbers. Sources: docs/whatsapp-cloud-api.md §1.3, §6 and §8 (Meta's webhooks,
 * throughput, media and message reference pages). Sizes in bytes use binary units (1 MB = 1024²),
 * the reading that accepts everything Meta accepts.
 */

const KB = 1024;
const MB = 1024 * KB;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Largest webhook body Meta sends. */
export const WEBHOOK_PAYLOAD_MAX_BYTES = 3 * MB;
/** Meta re-delivers a webhook that did not get a 200 for up to 7 days. */
export const WEBHOOK_RETRY_WINDOW_MS = 7 * DAY_MS;

/** `text.body` of a text message, in characters. */
export const TEXT_BODY_MAX_LENGTH = 4096;
/** Caption of an image, video or document, in characters. */
export const MEDIA_CAPTION_MAX_LENGTH = 1024;
/** `biz_opaque_callback_data` on a send, echoed in every status webhook. */
export const BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH = 512;
/** Body of a template, when authoring it. */
export const TEMPLATE_BODY_MAX_LENGTH = 1024;

/** Interactive messages (reply buttons, lists); lengths in characters. */
export const INTERACTIVE_LIMITS = {
  bodyMaxLength: 1024,
  headerTextMaxLength: 60,
  footerMaxLength: 60,
  /** Reply buttons per message (1–3). */
  maxButtons: 3,
  buttonTitleMaxLength: 20,
  buttonIdMaxLength: 256,
  /** The label of the button that opens a list. */
  listButtonMaxLength: 20,
  maxSections: 10,
  /** Rows across all sections together. */
  maxRows: 10,
  sectionTitleMaxLength: 24,
  rowIdMaxLength: 200,
  rowTitleMaxLength: 24,
  rowDescriptionMaxLength: 72,
  /** Products across all sections of a `product_list`. */
  maxProductListItems: 30,
} as const;

export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

export interface MediaKindLimits {
  readonly maxBytes: number;
  readonly mimeTypes: readonly string[];
}

/**
 * Accepted MIME types and maximum size per media kind. `audio/ogg` is accepted only with the OPUS
 * codec (Meta sends it as `audio/ogg; codecs=opus`). The sticker maximum is the animated one; a
 * static sticker must stay under `STICKER_STATIC_MAX_BYTES`.
 */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, MediaKindLimits>> = {
  audio: {
    maxBytes: 16 * MB,
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
  },
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
  sticker: { maxBytes: 500 * KB, mimeTypes: ['image/webp'] },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
};
/** The largest file any media kind accepts (documents, 100 MB): the cap for reading an upload. */
export const MEDIA_MAX_BYTES = Math.max(...Object.values(MEDIA_LIMITS).map((limits) => limits.maxBytes));
export const STICKER_STATIC_MAX_BYTES = 100 * KB;
export const STICKER_ANIMATED_MAX_BYTES = 500 * KB;
/** Inbound media above this fails with webhook error 131052. */
export const INBOUND_MEDIA_MAX_BYTES = 100 * MB;

/** A media download URL from `GET /{media-id}` expires after 5 minutes. */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
/** Media ids received in webhooks can be downloaded for 7 days. */
export const INBOUND_MEDIA_RETENTION_MS = 7 * DAY_MS;
/** Uploaded media persists for 30 days unless deleted. */
export const UPLOADED_MEDIA_RETENTION_MS = 30 * DAY_MS;

/** Default messages per second per business number (text and templates together). */
export const DEFAULT_THROUGHPUT_MPS = 80;
/** Throughput after Meta's automatic upgrade. */
export const UPGRADED_THROUGHPUT_MPS = 1000;
/** Throughput of a Coexistence (WhatsApp Business app) number. */
export const COEXISTENCE_THROUGHPUT_MPS = 20;
/** Pair rate limit: about one message per 6 s to the same user (bursts are borrowed, then 131056). */
export const PAIR_RATE_INTERVAL_MS = 6000;

/** The customer service window: free-form sends are allowed for 24 h after the user's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * HOUR_MS;
/** The free entry point window after a Click-to-WhatsApp ad or Page CTA reply. */
export const FREE_ENTRY_POINT_WINDOW_MS = 72 * HOUR_MS;
/** Mark-as-read works only for messages received within the last 30 days. */
export const MARK_READ_MAX_AGE_MS = 30 * DAY_MS;

/** Pair rate limit: a burst of up to this many messages in 6 s is "borrowed", then 131056. */
export const PAIR_RATE_BURST_MESSAGES = 45;
/** Meta's test business number can message at most this many allow-listed recipients (else 131030). */
export const TEST_NUMBER_MAX_RECIPIENTS = 5;
/** The typing indicator disappears after 25 s, or earlier with the business's next message. */
export const TYPING_INDICATOR_DURATION_MS = 25_000;
/** Meta caches media fetched from a send's `link` for 10 minutes. */
export const MEDIA_LINK_CACHE_MS = 10 * 60 * 1000;

/** `contacts[]` of a contacts message (OpenAPI `ContactsMessage`: 1 to 5 cards). */
export const CONTACTS_PER_MESSAGE_MAX = 5;
/** `interactive.action.parameters.display_text` of a `cta_url` message, in characters. */
export const INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH = 20;
/**
 * `interactive.action.parameters.flow_cta` of a `flow` message. The OpenAPI says 30 characters,
 * the Flows guide 20; we take the larger so nothing Meta accepts is refused.
 */
export const INTERACTIVE_FLOW_CTA_MAX_LENGTH = 30;

/** Template authoring (`POST /{waba-id}/message_templates`) and sending; lengths in characters. */
export const TEMPLATE_LIMITS = {
  /** Template names: lowercase letters, digits and underscores. */
  nameMaxLength: 512,
  headerTextMaxLength: 60,
  footerMaxLength: 60,
  maxButtons: 10,
  buttonTextMaxLength: 25,
  /** One `text` parameter of a send (OpenAPI `TextParameter`). */
  textParameterMaxLength: 32_768,
  /** The body after its parameters are filled in, when the template has other components too. */
  hydratedBodyMaxLength: 1024,
  /** The same when the body is the template's only component. */
  hydratedBodyOnlyMaxLength: 32_768,
  /** A `coupon_code` parameter of a copy-code button. */
  couponCodeMaxLength: 15,
  /** The code (first body parameter) of an AUTHENTICATION template. */
  authenticationCodeMaxLength: 15,
} as const;
