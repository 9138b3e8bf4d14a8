import type { SendMessageBody } from '@switchboard/protocol';
import type { StoredTemplate } from '../store/store.js';

/**
 * The `Provider` port (docs/providers.md): what Switchboard needs of a WhatsApp provider, in the
 * domain's terms. The outbox, media, templates and read paths use only this; each adapter
 * (providers/meta, …) translates to its provider's API. Webhooks have their own half of the port
 * (`ProviderWebhooks`, provider-webhooks.ts): they are verified and normalized per provider
 * kind, before any channel is known.
 */
export interface Provider {
  /** Sends one message; never throws for provider or network failures (see `SendOutcome`). */
  send(message: OutboundSend): Promise<SendOutcome>;
  /**
   * Makes one of our files sendable: the id to put in `OutboundSend.providerMediaId` — the
   * provider's media id where it takes uploads (Meta), or a signed link to our file where it
   * fetches media itself (Twilio). Valid for `mediaReuseMs`, so it is reused until shortly before.
   */
  uploadMedia(file: MediaUpload): Promise<{ id: string }>;
  readonly mediaReuseMs: number;
  /**
   * The bytes of a customer's media, at most `maxBytes` (a larger file is a `MediaTooLargeError`);
   * `sha256` is what the provider says the file hashes to, when it says (hex or base64).
   */
  fetchMedia(media: InboundMediaRef, options: { maxBytes: number }): Promise<FetchedMedia>;
  /** Tells the customer their messages up to this one were read (blue ticks). */
  markRead(providerMessageId: string): Promise<void>;
  /** Shows "typing…" in answer to a customer's message. */
  sendTyping(providerMessageId: string): Promise<void>;
  /**
   * For providers whose statuses cannot confirm a send whose answer was lost (Twilio does not
   * deliver a callback again): the provider ids of messages that may be an earlier attempt of this
   * send, oldest first (sent from our number to the customer since `since`, with the same
   * content). The outbox asks before it sends an unconfirmed attempt again, and accepts it when
   * exactly one candidate belongs to no other message of ours (docs/sending.md).
   */
  findSent?(send: OutboundSend, options: { since: number }): Promise<string[]>;
  /** The provider's message templates, for providers that have them (else undefined). */
  listTemplates?(): Promise<ProviderTemplate[]>;
  /** Closes kept-alive connections. */
  close(): void;
}

/** A send as the outbox hands it over: our send body, our ids already resolved to the provider's. */
export interface OutboundSend {
  /** The customer's number, digits only. */
  to: string;
  body: SendMessageBody;
  /** Our message id; a provider that echoes callback data in its statuses gets it (Meta does). */
  messageId: string;
  /** The provider id of the message this one quotes, when it is a reply. */
  replyToProviderMessageId: string | null;
  /** The provider id of the message a reaction is on. */
  reactionTargetProviderMessageId: string | null;
  /** The body's media as the provider knows it (see `uploadMedia`), or null. */
  providerMediaId: string | null;
  /**
   * For a template: the provider's id of the synced template (`listTemplates`), where it sends
   * templates by id rather than by name (Twilio's Content SID). Null or absent otherwise.
   */
  providerTemplateId?: string | null;
}

/**
 * The truth about one send:
 * - `accepted`: the provider took it, with its message id (accepted, not delivered: statuses follow).
 * - `rejected`: the provider answered with an error, or the request never left; nothing was sent.
 * - `ambiguous`: the request was written but no usable answer came (timeout, reset, a 5xx without
 *   an error body). The message may be on its way; do not resend it blindly (docs/sending.md).
 */
export type SendOutcome =
  | { kind: 'accepted'; providerMessageId: string; messageStatus?: string }
  | { kind: 'rejected'; error: ProviderError }
  | { kind: 'ambiguous'; reason: string };

/** What a caller can do about an error, more coarsely than the provider's code. */
export type ProviderErrorKind =
  | 'rate_limit'
  | 'pair_limit'
  | 'window'
  | 'undeliverable'
  | 'template'
  | 'auth'
  | 'invalid'
  | 'temporary'
  | 'other';

/**
 * An answer of the provider that says "no" (or a failure that certainly left nothing at the
 * provider, such as a refused connection), classified. `code` is the provider's own (Meta's
 * `131047`, Twilio's `63016`), or a string for failures that are not the provider's
 * (`ECONNREFUSED`, `http_502`). Strings never contain a credential.
 */
export interface ProviderError {
  code: number | string;
  title: string;
  message: string;
  details: string | null;
  /** Whether the same request, sent again later without changes, can succeed. */
  retryable: boolean;
  /** 0 when no HTTP answer came (the connection failed). */
  httpStatus: number;
  /** From `Retry-After`, when the provider sent one. */
  retryAfterMs: number | null;
  kind: ProviderErrorKind;
  /** A sub-code, where the provider has them (Graph's `error_subcode`: 190/463 is an expired token). */
  subcode: number | null;
  /** The id the provider's support asks for (Graph's `fbtrace_id`, Twilio's request SID). */
  fbtraceId: string | null;
}

export interface MediaUpload {
  /** Our media id (`POST /v1/media`). */
  mediaId: string;
  mimeType: string;
  filename: string;
  bytes: Uint8Array;
}

/** Where a customer's media is, as the webhook named it. */
export interface InboundMediaRef {
  providerMediaId: string;
  /** A direct URL, when the webhook carried one. */
  url: string | null;
}

export interface FetchedMedia {
  bytes: Buffer;
  mimeType: string | null;
  sha256: string | null;
}

/** A file larger than allowed: trying again cannot help. */
export class MediaTooLargeError extends Error {
  override readonly name = 'MediaTooLargeError';
}

/** One template as the provider lists it, in the fields Switchboard stores (status in upper case). */
export type ProviderTemplate = Omit<StoredTemplate, 'channelId' | 'syncedAt'>;
