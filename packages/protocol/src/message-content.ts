import type { MessageError, MessageType } from './message.js';

/*
 * `content` of a message, per `type`: the shapes docs/inbound-types.md lists for inbound messages,
 * which outbound messages share (docs/sending.md). A string the provider left out is `null`.
 * Type aliases (not interfaces) so each shape stays assignable to `Record<string, unknown>`, the
 * wire schema's type. Types only: nothing here exists at run time.
 */

export type TextContent = { body: string };
/** `image` and `video`. */
export type CaptionedMediaContent = { caption: string | null };
/** `voice: true` for a voice note (push-to-talk), `false` for an audio file. */
export type AudioContent = { voice: boolean };
export type DocumentContent = { caption: string | null; filename: string | null };
/** `animated` is unknown (null) for stickers we send. */
export type StickerContent = { animated: boolean | null };
export type LocationContent = {
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
  url: string | null;
};
/** vCards as WhatsApp sends them (`name`, `phones`, `emails`, …; snake_case inside). */
export type ContactsContent = { contacts: Record<string, unknown>[] };

export type ButtonReplyContent = { type: 'button_reply'; id: string | null; title: string | null };
export type ListReplyContent = {
  type: 'list_reply';
  id: string | null;
  title: string | null;
  description: string | null;
};
/** A completed WhatsApp Flow: `responseJson` verbatim, `response` parsed (null if not JSON). */
export type FlowReplyContent = {
  type: 'flow_reply';
  name: string | null;
  body: string | null;
  responseJson: string | null;
  response: unknown;
};
/** An interactive message we sent: its parts as sent, `body` as text. */
export type OutboundInteractiveContent = {
  type: 'button' | 'list' | 'cta_url';
  header: Record<string, unknown> | null;
  body: string;
  footer: string | null;
  action: Record<string, unknown>;
};
/** An interactive subtype Switchboard does not model: the whole object, pruned. */
export type OtherInteractiveContent = { type: string; raw: unknown };
export type InteractiveContent =
  | ButtonReplyContent
  | ListReplyContent
  | FlowReplyContent
  | OutboundInteractiveContent
  | OtherInteractiveContent;

/** A template's quick-reply button, pressed by the customer. */
export type ButtonContent = { text: string | null; payload: string | null };
/** `null` when the customer removed their reaction. */
export type ReactionContent = { emoji: string | null };
export type OrderItem = {
  productRetailerId: string | null;
  quantity: number | null;
  itemPrice: number | null;
  currency: string | null;
};
export type OrderContent = { catalogId: string | null; text: string | null; productItems: OrderItem[] };
/** A system notice (`user_changed_number`, `customer_identity_changed`, …). */
export type SystemContent = {
  systemType: string | null;
  body: string | null;
  waId: string | null;
  newWaId: string | null;
  userId: string | null;
  identity: unknown;
};
/** The customer edited a message: its new type and content (applied to the target message too). */
export type EditContent = { newType: MessageType; newContent: Record<string, unknown> };
/** The customer deleted a message for everyone. */
export type RevokeContent = Record<string, never>;
export type TemplateContent = { name: string; language: string; components: Record<string, unknown>[] };
/** What WhatsApp sent that Switchboard cannot show: the original type, its errors and the body. */
export type UnsupportedContent = { originalType: string | null; errors: MessageError[]; raw: unknown };

/** The `content` shape of each message type. */
export type MessageContentByType = {
  text: TextContent;
  image: CaptionedMediaContent;
  video: CaptionedMediaContent;
  audio: AudioContent;
  document: DocumentContent;
  sticker: StickerContent;
  location: LocationContent;
  contacts: ContactsContent;
  interactive: InteractiveContent;
  button: ButtonContent;
  reaction: ReactionContent;
  order: OrderContent;
  system: SystemContent;
  edit: EditContent;
  revoke: RevokeContent;
  template: TemplateContent;
  unsupported: UnsupportedContent;
};
