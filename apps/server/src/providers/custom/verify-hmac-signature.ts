import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CompiledSignature } from './compile-custom-provider.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Whether a custom provider's webhook carries a valid HMAC of its raw body (and, where configured,
 * of a timestamp within the tolerance, which stops replays of an old, captured webhook). The
 * comparison is in constant time over equal-length digests, against each of the provider's secrets (docs/custom-providers.md, receiving).
 */
export function verifyHmacSignature(
  signature: Omit<CompiledSignature, 'secret'>,
  secrets: readonly string[],
  body: Buffer,
  headers: Headers,
  nowMs: number,
): boolean {
  const header = single(headers[signature.header]);
  if (header === null || !header.startsWith(signature.prefix)) return false;
  const given = decode(header.slice(signature.prefix.length).trim(), signature.encoding);
  if (!given) return false;

  let signed: Buffer = body;
  if (signature.timestamp) {
    const stamp = single(headers[signature.timestamp.header]);
    if (stamp === null || !/^\d{1,16}$/.test(stamp)) return false;
    const value = Number(stamp);
    // Seconds, as most providers send them; a 13-digit value is milliseconds.
    const ms = value > 1e12 ? value : value * 1000;
    if (Math.abs(nowMs - ms) > signature.timestamp.toleranceSeconds * 1000) return false;
    const [before, after] = splitOnce(signature.timestamp.payload.replaceAll('{timestamp}', stamp), '{body}');
    signed =
      after === null
        ? Buffer.from(before, 'utf8')
        : Buffer.concat([Buffer.from(before, 'utf8'), body, Buffer.from(after, 'utf8')]);
  }
  // Every secret is tried, so which one matched does not show in the timing.
  let matched = false;
  for (const secret of secrets) {
    if (secret === '') continue;
    const expected = createHmac(signature.algorithm, secret).update(signed).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

function single(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer | null {
  if (encoding === 'hex')
    return /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : null;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
}

function splitOnce(text: string, marker: string): [string, string | null] {
  const at = text.indexOf(marker);
  return at === -1 ? [text, null] : [text.slice(0, at), text.slice(at + marker.length)];
}
