import { createHash, timingSafeEqual } from 'node:crypto';

/** A secret's SHA-256: digests have equal lengths for timingSafeEqual, and leak no length. */
export const secretDigest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether `given` equals one of `secrets`, compared in constant time: digests, not the strings,
 * and every secret is tried, so neither the length nor which one matched shows in the timing.
 */
export function matchesAnySecret(given: string | undefined, secrets: readonly string[]): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const received = secretDigest(given);
  let matched = false;
  for (const secret of secrets) {
    if (secret !== '' && timingSafeEqual(received, secretDigest(secret))) matched = true;
  }
  return matched;
}
