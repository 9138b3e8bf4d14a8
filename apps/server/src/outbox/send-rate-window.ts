/**
 * At most `limit` sends per channel in any second as the provider sees them.
 *
 * A send reaches the provider some time after it is started (the event loop may be busy, the
 * request waits for a socket) and before its answer comes back, so a send started now may land in
 * the same provider second as any send that is still in flight or that finished less than a second
 * ago. A new send starts only while fewer than `limit` sends are in that set. This holds whatever
 * the delays are, which counting start times alone does not (bench/outbound saw 1,019 sends in one
 * emulator second that way); at steady state it costs only the round-trip time: the rate is
 * limit × 1000 / (1000 + round trip in ms).
 */
export class SendRateWindow {
  private inFlight = 0;
  /** Completion times, oldest first; entries before `head` are more than a second old. */
  private finished: number[] = [];
  private head = 0;
  private pausedUntil = 0;

  constructor(readonly limit: number) {}

  /** 0 when a send may start now (it then counts until `release`), else the ms to wait. */
  take(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    while (this.head < this.finished.length && this.finished[this.head]! <= now - 1000) this.head += 1;
    if (this.head > 4096) {
      this.finished = this.finished.slice(this.head);
      this.head = 0;
    }
    const recent = this.finished.length - this.head;
    if (this.inFlight + recent < this.limit) {
      this.inFlight += 1;
      return 0;
    }
    // Either the oldest recent send leaves the window, or a send in flight finishes.
    return recent > 0 ? Math.max(1, this.finished[this.head]! + 1000 - now) : 1;
  }

  /** The send started by `take` got its answer (of any kind) at `now`. */
  release(now: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.finished.push(now);
  }

  /** The provider said 130429: nothing more on this channel until `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}
