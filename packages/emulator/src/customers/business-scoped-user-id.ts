import { createHash } from 'node:crypto';

/** ISO country of a few calling codes, enough for plausible BSUID prefixes. */
const COUNTRY_BY_CALLING_CODE: ReadonlyArray<readonly [string, string]> = [
  ['972', 'IL'],
  ['1', 'US'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['33', 'FR'],
  ['34', 'ES'],
  ['39', 'IT'],
  ['31', 'NL'],
  ['55', 'BR'],
  ['52', 'MX'],
  ['54', 'AR'],
  ['91', 'IN'],
  ['62', 'ID'],
  ['61', 'AU'],
  ['81', 'JP'],
  ['27', 'ZA'],
  ['234', 'NG'],
];

/**
 * A stable business-scoped user id (BSUID) for a customer, shaped like Meta's
 * (`US.13491208655302741918`: country, dot, 20 digits; docs/whatsapp-cloud-api.md §2). Derived from
 * the wa_id so that it stays the same across restarts; the country comes from the calling code.
 */
export function businessScopedUserId(waId: string): string {
  const country = COUNTRY_BY_CALLING_CODE.find(([code]) => waId.startsWith(code))?.[1] ?? 'ZZ';
  const digest = createHash('sha256').update(`bsuid:${waId}`).digest();
  const digits = (digest.readBigUInt64BE(0) % 10n ** 19n).toString().padStart(19, '0');
  return `${country}.1${digits}`;
}
