import { PAIR_RATE_BURST_MESSAGES, PAIR_RATE_INTERVAL_MS } from '@switchboard/whatsapp';

/**
 * WhatsApp's pair rate limit, kept on our side: per customer a burst of up to 45 messages, then
 * one every 6 seconds (docs/whatsapp-cloud-api.md §8). A token bucket per conversation; buckets
 * that are full again are forgotten, so memory follows the conversations active in the last
 * few minutes. A 131056 that still comes back (another node sent too, or WhatsApp counts
 * differently) empties the bucket.
 */
export class PairPace {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = PAIR_RATE_BURST_MESSAGES,
    private readonly intervalMs = PAIR_RATE_INTERVAL_MS,
  ) {}

  /** 0 when a message to this conversation may go now (and counts it), else the ms to wait. */
  take(conversationId: string, now: number): number {
    const bucket = this.refill(conversationId, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) * this.intervalMs);
  }

  /** The provider said 131056: nothing more to this customer until a token is back. */
  exhausted(conversationId: string, now: number): void {
    const bucket = this.refill(conversationId, now);
    bucket.tokens = 0;
  }

  private refill(conversationId: string, now: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(conversationId);
    if (!bucket) {
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(conversationId, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.intervalMs);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return bucket;
  }

  private forgetFull(now: number): void {
    for (const [id, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) / this.intervalMs >= this.burst) this.buckets.delete(id);
    }
  }
}
