/**
 * At most `limit` sends in any sliding second, per channel. A token bucket would let a full bucket
 * and a second of refill through in one second (twice the limit); a ring of the last `limit` send
 * times cannot: a send may start only when the oldest of them is a second old.
 */
export class SendRateWindow {
  private readonly times: Float64Array;
  private next = 0;
  private pausedUntil = 0;

  constructor(readonly limit: number) {
    this.times = new Float64Array(Math.max(1, Math.floor(limit))).fill(-Infinity);
  }

  /** 0 when a send may start now (and counts it), else the ms to wait. */
  take(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    const oldest = this.times[this.next]!;
    if (now - oldest < 1000) return 1000 - (now - oldest);
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.times.length;
    return 0;
  }

  /** The provider said 130429: nothing more on this channel until `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}
