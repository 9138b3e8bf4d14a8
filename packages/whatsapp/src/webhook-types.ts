/**
 * The wire format of Cloud API webhooks (docs/whatsapp-cloud-api.md §2–§4, §7), as Meta documents
 * it. These types describe what Meta *should* send, for building payloads (emulator, tests) and for
 * reading the docs in code. A receiver must not trust them: a parsed body is `unknown` until checked
 * field by field, since fields go missing, change type between API versions, or arrive malformed.
 */

/** The body of a webhook POST. */
export interface WebhookEnvelope {
  object: 'whatsapp_business_account';
  entry: WebhookEntry[];
}

export interface WebhookEntry {
  /** The WhatsApp Business Account id, not the phone number id: route by `metadata`. */
  id: string;
  changes: WebhookChange[];
}

export type WebhookChange = WebhookMessagesChange | WebhookOtherChange;

export interface WebhookMessagesChange {
  field: 'messages';
  value: WebhookValue;
}

/** Any other subscribed field (`account_update`, `message_template_status_update`, …). */
export interface WebhookOtherChange {
  field: string;
  value: Record<string, unknown>;
}

/** One of `messages`, `statuses` or `errors` (sometimes `messages` together with `errors`). */
export interface WebhookValue {
  messaging_product: 'whatsapp';
  metadata: WebhookMetadata;
  /** The senders; present with `messages`, absent for system messages. */
  contacts?: WebhookContact[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
  /** Problems with the change itself, e.g. an inbound message Meta could not process. */
  errors?: WebhookError[];
}

export interface WebhookMetadata {
  /** Digits without "+". */
  display_phone_number: string;
  phone_number_id: string;
}

export interface WebhookContact {
  profile?: { name?: string; username?: string };
  /** Phone digits; may be missing for users known only by a username (BSUID era). */
  wa_id?: string;
  /** Business-scoped user id, e.g. `US.13491208655302741918`. */
  user_id?: string;
  parent_user_id?: string;
  /** Only when the identity change check is enabled. */
  identity_key_hash?: string;
}

/** An error object inside a webhook; unlike a Graph API error it has no `type` or `fbtrace_id`. */
export interface WebhookError {
  code: number;
  title: string;
  message?: string;
  error_data?: { details: string };
  href?: string;
}

export interface WebhookContext {
  /** The author of the quoted message (the business display number when quoting the business). */
  from?: string;
  /** The quoted message's wamid. */
  id?: string;
  forwarded?: boolean;
  /** Forwarded more than 5 times. */
  frequently_forwarded?: boolean;
  /** Set when the user asked about a product. */
  referred_product?: { catalog_id: string; product_retailer_id: string };
}

/** The Click-to-WhatsApp ad or post the user came from. */
export interface WebhookReferral {
  source_url: string;
  source_id: string;
  source_type: 'ad' | 'post';
  headline: string;
  body: string;
  media_type: 'image' | 'video';
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  /** Omitted for ads shown in WhatsApp Status. */
  ctwa_clid?: string;
  welcome_message?: { text: string };
}

/** Fields every inbound message has. */
export interface WebhookMessageBase {
  /** The user's phone digits; may be omitted for username users, who have `from_user_id`. */
  from?: string;
  from_user_id?: string;
  /** `wamid.…` */
  id: string;
  /** Unix seconds, as a string. */
  timestamp: string;
  context?: WebhookContext;
  referral?: WebhookReferral;
  errors?: WebhookError[];
}

export interface WebhookMediaBody {
  id: string;
  mime_type: string;
  /** Base64 (not hex) of the file's SHA-256. */
  sha256: string;
  /** Direct download URL (needs the bearer token); rolled out from Nov 2025, absent before. */
  url?: string;
}

export interface WebhookVCard {
  name?: {
    formatted_name?: string;
    first_name?: string;
    last_name?: string;
    middle_name?: string;
    suffix?: string;
    prefix?: string;
  };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  emails?: { email?: string; type?: string }[];
  addresses?: {
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    country_code?: string;
    type?: string;
  }[];
  org?: { company?: string; department?: string; title?: string };
  urls?: { url?: string; type?: string }[];
  /** `YYYY-MM-DD` */
  birthday?: string;
}

export type WebhookInteractiveReply =
  | { type: 'button_reply'; button_reply: { id: string; title: string } }
  | { type: 'list_reply'; list_reply: { id: string; title: string; description?: string } }
  /** A completed WhatsApp Flow (or address message); `response_json` is a JSON *string*. */
  | { type: 'nfm_reply'; nfm_reply: { name?: string; body?: string; response_json: string } }
  | { type: 'call_permission_reply'; call_permission_reply: Record<string, unknown> };

/** The content of a message, keyed by `type` (§3). */
export interface WebhookMessageBodies {
  text: { body: string };
  image: WebhookMediaBody & { caption?: string };
  video: WebhookMediaBody & { caption?: string };
  /** `voice` is true for a voice note (push-to-talk), absent or false for an audio file. */
  audio: WebhookMediaBody & { voice?: boolean };
  document: WebhookMediaBody & { caption?: string; filename?: string };
  sticker: WebhookMediaBody & { animated?: boolean };
  /** A shared current location has only the coordinates. */
  location: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  contacts: WebhookVCard[];
  /** Always with `context` naming the interactive message replied to. */
  interactive: WebhookInteractiveReply;
  /** A quick-reply button of a template; `payload` is the one set when sending. */
  button: { text: string; payload: string };
  /** `emoji` is `""` or absent when the user removes the reaction. */
  reaction: { message_id: string; emoji?: string };
  /** Quantities and prices arrive as numbers or as strings. */
  order: {
    catalog_id: string;
    text?: string;
    product_items: {
      product_retailer_id: string;
      quantity: number | string;
      item_price: number | string;
      currency: string;
    }[];
  };
  /** Comes without `value.contacts`. */
  system: {
    type: string;
    body?: string;
    wa_id?: string;
    new_wa_id?: string;
    customer?: string;
    user_id?: string;
  };
  /** The user deleted a message. */
  revoke: { original_message_id: string };
  /** The user edited a message; `message` is the new version, with its own `type`. */
  edit: { original_message_id: string; message: WebhookEditedMessage };
  /** `type` names what could not be shown (`poll_creation`, `video_note`, older `edit`, …). */
  unsupported: { type?: string };
}

export type WebhookMessageType = keyof WebhookMessageBodies;

/** An inbound message: the common fields plus the body under the key named by `type`. */
export type WebhookMessage = {
  [K in WebhookMessageType]: WebhookMessageBase & { type: K } & { [P in K]: WebhookMessageBodies[P] };
}[WebhookMessageType];

/** The new version of an edited message. */
export type WebhookEditedMessage = {
  [K in WebhookMessageType]: { type: K } & { [P in K]: WebhookMessageBodies[P] };
}[WebhookMessageType];

export type WebhookStatusValue = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** A status update for a message the business sent (§4). Order and uniqueness are not guaranteed. */
export interface WebhookStatus {
  /** The wamid returned by the send. */
  id: string;
  status: WebhookStatusValue;
  /** Unix seconds, as a string. */
  timestamp: string;
  /** The user's phone digits, or the group id. */
  recipient_id?: string;
  recipient_user_id?: string;
  recipient_parent_user_id?: string;
  recipient_type?: 'group';
  recipient_participant_id?: string;
  recipient_identity_key_hash?: string;
  /** Echoed from the send, ≤ 512 characters. */
  biz_opaque_callback_data?: string;
  /** With `sent` and one of delivered/read; omitted from v24.0 outside free entry point windows. */
  conversation?: WebhookConversation;
  /** With `sent` and one of delivered/read, never on `failed`. */
  pricing?: WebhookPricing;
  /** With `failed`. */
  errors?: WebhookError[];
}

export interface WebhookConversation {
  id: string;
  /** Only on `sent`. */
  expiration_timestamp?: string;
  origin: { type: string };
}

export interface WebhookPricing {
  /** Deprecated. */
  billable?: boolean;
  pricing_model: 'CBP' | 'PMP';
  type?: 'regular' | 'free_customer_service' | 'free_entry_point';
  category: string;
}
