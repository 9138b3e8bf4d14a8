import type { GraphError } from './graph-error.js';

/** The `type` of a send request to `POST /{phone-number-id}/messages`. */
export type SendType =
  | 'text'
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'interactive'
  | 'template'
  | 'reaction';

/** A send request that passed the Graph layer's validation (shape, limits, media, template). */
export interface ValidatedSend {
  /** The business number sending. */
  readonly phoneNumberId: string;
  /** Recipient as given in `to` (may carry `+`, spaces, dashes). */
  readonly to: string;
  /** Recipient normalized to digits only: the customer's wa_id. */
  readonly waId: string;
  readonly type: SendType;
  /** The request body as received (Cloud API shape), kept for the customer's view and for tests. */
  readonly body: Readonly<Record<string, unknown>>;
  /** `context.message_id`, when the send replies to a message. */
  readonly replyTo: string | undefined;
  readonly bizOpaqueCallbackData: string | undefined;
  /** For audio sent as a voice note (`audio.voice: true`), which customers "play". */
  readonly voice: boolean;
}

export type GateResult =
  | {
      readonly ok: true;
      /** The `wamid.` id answered in `messages[0].id`. */
      readonly wamid: string;
      /** Templates only: `messages[0].message_status`. */
      readonly messageStatus?: 'accepted' | 'held_for_quality_assessment' | 'paused';
    }
  | { readonly ok: false; readonly error: GraphError };

/**
 * What the Graph routes hand a validated send to. The implementation applies the platform rules
 * (throughput 130429, pair rate 131056, undeliverable 131026, the 24-hour window as an async
 * 131047 failure), the injected faults (latency, 5xx, timeouts: a timeout is modelled by never
 * resolving within the caller's patience, see `FaultPlan`), records the message on the customer's
 * thread and schedules its status webhooks.
 *
 * Contract: when `accept` resolves `ok: true`, the message exists on the customer's side and its
 * `sent` (or `failed`) status webhook will be delivered; when it resolves `ok: false`, nothing was
 * recorded. Sends from one business number are accepted in call order.
 */
export interface OutboundGate {
  accept(send: ValidatedSend): Promise<GateResult>;
  /**
   * `POST /{phone-number-id}/messages {"status":"read","message_id",…}`: the business read a
   * customer's message (and, as on WhatsApp, everything before it); with `typing` the customer
   * also sees the typing indicator (it ends after 25 s or with the next send). Returns a
   * GraphError (100) when the message id is unknown to that number, else undefined.
   */
  markRead(input: { phoneNumberId: string; messageId: string; typing: boolean }): GraphError | undefined;
}
