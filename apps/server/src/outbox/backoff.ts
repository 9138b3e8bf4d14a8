/**
 * Full-jitter exponential backoff: a uniformly random delay up to base·2^attempt, capped, so that
 * many messages failing together do not retry together.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
