/**
 * Events per second over a sliding window, kept in fixed slots so that recording is a clock read
 * and an addition: the receiver records every webhook it takes, on its hottest path.
 */
export class RateMeter {
  private readonly counts: number[];
  private readonly slotMs: number;
  private current = 0;
  private currentStart: number;

  constructor(
    private readonly windowMs = 1000,
    slots = 10,
    now: number = Date.now(),
  ) {
    this.counts = Array<number>(slots).fill(0);
    this.slotMs = windowMs / slots;
    this.currentStart = now;
  }

  record(at: number, count = 1): void {
    this.advance(at);
    this.counts[this.current]! += count;
  }

  /** Events per second over the last window (the slot under way counts in full). */
  perSecond(at: number): number {
    this.advance(at);
    let total = 0;
    for (const count of this.counts) total += count;
    return (total * 1000) / this.windowMs;
  }

  private advance(at: number): void {
    const steps = Math.floor((at - this.currentStart) / this.slotMs);
    if (steps <= 0) return;
    for (let i = 0; i < Math.min(steps, this.counts.length); i++) {
      this.current = (this.current + 1) % this.counts.length;
      this.counts[this.current] = 0;
    }
    this.currentStart += steps * this.slotMs;
  }
}
