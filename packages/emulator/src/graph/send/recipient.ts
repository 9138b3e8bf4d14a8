import { GraphError } from '../../core/graph-error.js';

/**
 * The wa_id for a `to`: Meta accepts `+`, spaces, dashes, dots and parentheses around the digits
 * of an international number (docs/whatsapp-cloud-api.md §5.1). A `00` international prefix is
 * refused with 100, as observed in production. Country-specific rewrites (Brazil's ninth digit,
 * Mexico's `1`) are not modelled: the wa_id is the digits as given.
 */
export function recipientWaId(to: string): string {
  const compact = to.replace(/[\s\-().]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    throw new GraphError(
      100,
      `Param to must be a phone number in international format, such as +16505551234; got "${to}".`,
    );
  }
  return digits;
}
