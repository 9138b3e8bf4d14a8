import { isRecord, readList, readNumeric, readString } from './read-json.js';

/**
 * An `order` body (§3.8) as content, or null when `product_items` is not a list. Quantities and
 * prices arrive as numbers in some payloads and as strings in others, so both are read; items that
 * are not objects are skipped.
 */
export function normalizeOrder(body: unknown): Record<string, unknown> | null {
  const items = readList(body, 'product_items');
  if (items === null) return null;
  return {
    catalogId: readString(body, 'catalog_id'),
    text: readString(body, 'text'),
    productItems: items.filter(isRecord).map((item) => ({
      productRetailerId: readString(item, 'product_retailer_id'),
      quantity: readNumeric(item, 'quantity'),
      itemPrice: readNumeric(item, 'item_price'),
      currency: readString(item, 'currency'),
    })),
  };
}
