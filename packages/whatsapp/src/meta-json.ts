/**
 * Serializes a value the way Meta serializes webhook bodies: `JSON.stringify`, then every UTF-16
 * code unit above U+007F escaped as lowercase `\uXXXX` (so an emoji becomes a surrogate pair such as
 * `\ud83d\ude00`). Meta computes `X-Hub-Signature-256` over these bytes, so an emulator must send
 * exactly them, and a gateway that re-serializes a parsed body with plain `JSON.stringify` (raw
 * UTF-8) computes a different HMAC. See docs/whatsapp-cloud-api.md §1.2 and
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads.
 *
 * Throws a TypeError for values that have no JSON form (`undefined`, functions, symbols), since
 * there is no body to send.
 */
export function metaJsonStringify(value: unknown): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError('metaJsonStringify: the value has no JSON representation');
  // Lone surrogates are already escaped (lowercase) by JSON.stringify, so only well-formed non-ASCII
  // code units are left for this pass; the result is pure ASCII.
  return json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
