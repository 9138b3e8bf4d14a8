/**
 * How a retry delay is spread below its ceiling, so that things that failed together (a provider
 * outage, a lost database) do not all retry in the same millisecond:
 * - `full`: anywhere from 0 to the ceiling (the widest spread; a retry may come at once);
 * - `half`: from half the ceiling to all of it (spread, but never much sooner than the step);
 * - `none`: the ceiling itself, for retries that a single pass picks up together anyway.
 */
export type Jitter = 'full' | 'half' | 'none';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  jitter: Jitter;
  /** In [0, 1); injectable so tests can pin the spread. */
  random?: () => number;
}

// Beyond this the ceiling is the cap for any base of at least 1 ms and any cap below 12 days, and
// 2 ** step can no longer overflow to Infinity.
const maxStep = 30;

/** The delay before retry number `step` (0 for the first): `baseMs · 2^step`, capped, then jittered. */
export function backoffDelay(
  step: number,
  { baseMs, capMs, jitter, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(step, 0), maxStep));
  switch (jitter) {
    case 'full':
      return Math.floor(random() * ceiling);
    case 'half':
      return Math.floor(ceiling / 2 + random() * (ceiling / 2));
    case 'none':
      return ceiling;
  }
}
