import { PAIR_RATE_BURST_MESSAGES, PAIR_RATE_INTERVAL_MS } from '@switchboard/whatsapp';
import type { Clock } from '../core/clock.js';

/** The pair rate limit's shape: one message per `intervalMs` on average, bursts up to `burst`. */
export interface PairRateLimit {
  readonly intervalMs: number;
  readonly burst: number;
}

/**
 * Meta documents about one message per 6 seconds to the same user, with short bursts of up to 45
 * messages "borrowed" from later quota, after which the business must wait
 * (docs/whatsapp-cloud-api.md §8). Modelled as a token bucket: `burst` tokens, one regained every
 * `intervalMs`.
 */
export const DEFAULT_PAIR_RATE_LIMIT: PairRateLimit = Object.freeze({
  intervalMs: PAIR_RATE_INTERVAL_MS,
  burst: PAIR_RATE_BURST_MESSAGES,
});

/** The per (business number, customer) limit behind error 131056. */
export class PairRateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: PairRateLimit = DEFAULT_PAIR_RATE_LIMIT,
  ) {}

  tryTake(phoneNumberId: string, waId: string): boolean {
    const now = this.clock.now();
    const key = `${phoneNumberId}:${waId}`;
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const regained = (now - bucket.at) / this.limit.intervalMs;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + regained);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.#buckets.clear();
  }
}
