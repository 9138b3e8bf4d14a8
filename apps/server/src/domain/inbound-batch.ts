import type { MessageError, MessageType, Referral } from '@switchboard/protocol';

/**
 * What a provider adapter makes of one webhook: provider-neutral, ready for the store. The store
 * applies it idempotently (by provider message id, and by provider message id + status).
 */
export interface InboundBatch {
  /** Routable parts of the webhook, one per business number it addresses. */
  changes: InboundChange[];
  /** Parts that were acknowledged but not processed (unknown `field`s, non-WhatsApp objects). */
  ignored: { reason: string; field?: string }[];
  /** Shapes we could not read (for example a message without an id); reported, never fatal. */
  problems: string[];
}

export interface InboundChange {
  /** The business number this change is for (Meta: `metadata.phone_number_id`). */
  phoneNumberId: string;
  displayPhoneNumber: string | null;
  contacts: InboundContact[];
  messages: InboundMessage[];
  statuses: InboundStatus[];
  /** Change-level errors (Meta: `value.errors`), e.g. a message Meta could not process. */
  errors: MessageError[];
}

export interface InboundContact {
  waId: string | null;
  userId: string | null;
  parentUserId: string | null;
  username: string | null;
  profileName: string | null;
}

export interface InboundMedia {
  providerMediaId: string;
  mimeType: string | null;
  /** As the provider sent it (Meta: base64 of the SHA-256). */
  sha256: string | null;
  filename: string | null;
  /** A direct download URL, when the provider includes one. */
  url: string | null;
}

export interface InboundMessage {
  providerMessageId: string;
  /** The customer: phone digits and/or business-scoped user id. */
  from: { waId: string | null; userId: string | null };
  /** When the customer sent it, in epoch milliseconds. */
  timestamp: number;
  type: MessageType;
  /** Normalized per type, as documented in docs/inbound-types.md. */
  content: Record<string, unknown>;
  media: InboundMedia | null;
  /** The quoted message of a reply. */
  context: {
    providerMessageId: string | null;
    from: string | null;
    referredProduct: { catalogId: string; productRetailerId: string } | null;
  } | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
  referral: Referral | null;
  /** For reaction, edit and revoke: the provider id of the message they change. */
  targetProviderMessageId: string | null;
}

export type InboundStatusValue = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface InboundStatus {
  providerMessageId: string;
  /**
   * Another id the message was known by until now (a provider that answers a send with its own id
   * and reports WhatsApp's later): the message takes `providerMessageId` from this status on.
   */
  previousProviderMessageId?: string | null;
  status: InboundStatusValue;
  /** When the provider says it happened, in epoch milliseconds. */
  timestamp: number;
  recipient: { waId: string | null; userId: string | null };
  error: MessageError | null;
  /** Pricing and conversation objects as sent, kept for the timeline. */
  pricing: Record<string, unknown> | null;
  bizOpaqueCallbackData: string | null;
}
