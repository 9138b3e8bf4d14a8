import type { ProviderError, SendOutcome } from '../providers/meta/graph/graph-client.js';

/**
 * What the outbox needs from a provider adapter: one send, and the truth about how it went.
 * `ambiguous` means the request may have reached the provider without an answer coming back
 * (timeout, reset): the outbox must not send it again blindly (docs/sending.md). The Graph
 * client's outcome and error kinds are provider-neutral; other adapters return the same shapes.
 */
export type { SendOutcome };
export type ProviderSendError = ProviderError;

export interface OutboundProvider {
  send(payload: Record<string, unknown>): Promise<SendOutcome>;
}
