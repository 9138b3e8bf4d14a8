import { randomBytes, randomInt } from 'node:crypto';

/**
 * A Graph object id the way Meta mints them (media, templates): 15 or 16 decimal digits, never
 * starting with 0. Gateways store them as strings; a numeric shape catches ones that parse them as
 * numbers (16 digits exceed `Number.MAX_SAFE_INTEGER` often enough to lose precision).
 */
export function newNumericGraphId(): string {
  const length = randomInt(15, 17);
  let id = String(randomInt(1, 10));
  while (id.length < length) id += String(randomInt(0, 10));
  return id;
}

/** `fbtrace_id` of an error body: 23 URL-safe base64 characters, like Meta's. */
export function newFbtraceId(): string {
  return randomBytes(18).toString('base64url').slice(0, 23);
}
