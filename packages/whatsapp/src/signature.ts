import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';
const hexDigest = /^[0-9a-f]{64}$/i;

function hmac(raw: Buffer | string, appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update(raw).digest();
}

/**
 * The `X-Hub-Signature-256` value Meta sends with a webhook: `"sha256=" + lowercase hex
 * HMAC-SHA256(app secret, raw body)`. A string body is hashed as UTF-8; to match Meta, build it with
 * `metaJsonStringify`.
 */
export function signMetaPayload(raw: Buffer | string, appSecret: string): string {
  return prefix + hmac(raw, appSecret).toString('hex');
}

/**
 * Whether `header` is a valid `X-Hub-Signature-256` for the raw body under any of `appSecrets`
 * (several secrets allow rotating the app secret without downtime). Hash the bytes exactly as
 * received: parsing and re-serializing changes them (see `metaJsonStringify`).
 *
 * Never throws. A missing header, a wrong prefix, a digest that is not 64 hex digits, or an empty
 * secret is a mismatch. The digests are compared with `timingSafeEqual`, and every secret is tried
 * so the time taken does not reveal which one matched.
 */
export function verifyMetaSignature(
  raw: Buffer,
  header: string | undefined,
  appSecrets: readonly string[],
): boolean {
  if (typeof header !== 'string' || !header.startsWith(prefix)) return false;
  const hex = header.slice(prefix.length);
  // Buffer.from(…, 'hex') silently stops at the first non-hex character, so check the form first.
  if (!hexDigest.test(hex)) return false;
  const received = Buffer.from(hex, 'hex');
  let matched = false;
  for (const secret of appSecrets) {
    // An empty secret is a configuration mistake; HMAC with it would be forgeable by anyone.
    if (typeof secret !== 'string' || secret.length === 0) continue;
    const expected = hmac(raw, secret);
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}
