import type { InboundBatch } from '../domain/inbound-batch.js';

/** An inbound webhook as it arrived: the exact bytes (signatures are over them), headers, URL. */
export interface WebhookRequest {
  body: Buffer;
  /** Lower-case names, as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The public URL the provider called (some providers sign it: Twilio). */
  url: string;
}

/**
 * The webhook half of the `Provider` port, one per provider kind (docs/providers.md): whether a
 * webhook really comes from the provider (before anything is parsed or stored), and what it says
 * in the domain's terms (after it was stored, in the inbox worker). Routing to a channel happens
 * after normalization, by the business number each change names.
 */
export interface ProviderWebhooks {
  /** True when the request carries a valid proof of origin for one of `secrets`. */
  verify(request: WebhookRequest, secrets: readonly string[]): boolean;
  /**
   * The stored body as an inbound batch; `receivedAt` (epoch ms) stands in for times a provider
   * does not send (Twilio). Throws only for a body that cannot be read at all; what cannot be
   * understood inside a readable body goes to `problems` or `ignored`. Custom providers evaluate
   * JSONata, which is asynchronous.
   */
  normalize(body: Buffer, receivedAt: number): InboundBatch | Promise<InboundBatch>;
}
