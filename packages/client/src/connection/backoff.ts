/**
 * Full-jitter exponential backoff: a random delay in [0, min(cap, base · 2^attempt)], so that many
 * clients cut off together (a server restart) do not come back together.
 */
export function fullJitterDelay(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16)));
}
