import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1, keyed with the account's
 * auth token, over the full URL Twilio called followed by every POST parameter, sorted by name,
 * as name and value with no separators (docs/providers.md, Twilio).
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let signed = url;
  // A repeated name contributes each of its values, in the order sent.
  for (const name of names) for (const value of params.getAll(name)) signed += name + value;
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** Whether `header` is the signature of this request under one of `authTokens` (constant time). */
export function verifyTwilioSignature(
  header: string | undefined,
  authTokens: readonly string[],
  url: string,
  params: URLSearchParams,
): boolean {
  if (typeof header !== 'string' || header === '') return false;
  const received = Buffer.from(header, 'utf8');
  let matched = false;
  for (const token of authTokens) {
    if (token === '') continue;
    const expected = Buffer.from(twilioSignature(token, url, params), 'utf8');
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}
