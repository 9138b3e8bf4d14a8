import type { InboundMessage } from '../../domain/inbound-batch.js';
import { readBoolean, readId, readRecord, readString } from './read-json.js';

type ContextFields = Pick<InboundMessage, 'context' | 'forwarded' | 'frequentlyForwarded'>;

/**
 * The `context` of a message (§3.13): the quoted message of a reply or interactive reply, the
 * product asked about, and the forwarded flags. A context that carries only forwarded flags is not
 * a reply, so `context` is null then. "Frequently forwarded" (more than 5 times) implies forwarded.
 */
export function normalizeContext(message: unknown): ContextFields {
  const context = readRecord(message, 'context');
  const frequentlyForwarded = readBoolean(context, 'frequently_forwarded');
  const forwarded = frequentlyForwarded || readBoolean(context, 'forwarded');
  const providerMessageId = readId(context, 'id');
  const product = readRecord(context, 'referred_product');
  const catalogId = readString(product, 'catalog_id');
  const productRetailerId = readString(product, 'product_retailer_id');
  const referredProduct =
    catalogId !== null && productRetailerId !== null ? { catalogId, productRetailerId } : null;
  return {
    context:
      providerMessageId === null && referredProduct === null
        ? null
        : { providerMessageId, from: readString(context, 'from'), referredProduct },
    forwarded,
    frequentlyForwarded,
  };
}
