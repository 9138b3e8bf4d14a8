import type { Clock } from '../core/clock.js';

const WINDOW_MS = 1000;

/**
 * Messages per second per business number (WhatsApp's default is 80, text and templates together;
 * beyond it sends fail with 130429). A sliding one-second window over accepted sends: no interval
 * of one second ever holds more than the limit, which is the property a sender's own limiter is
 * benchmarked against ("no second over the configured limit").
 */
export class ThroughputLimiter {
  readonly #accepted = new Map<string, { times: number[]; head: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limitOf: (phoneNumberId: string) => number,
  ) {}

  /** Takes one slot for the number, or returns false when the last second is full. */
  tryTake(phoneNumberId: string): boolean {
    if (!this.hasRoom(phoneNumberId)) return false;
    this.#logOf(phoneNumberId).times.push(this.clock.now());
    return true;
  }

  /** Whether a send now would fit, without taking the slot. */
  hasRoom(phoneNumberId: string): boolean {
    const now = this.clock.now();
    const log = this.#logOf(phoneNumberId);
    while (log.head < log.times.length && (log.times[log.head] ?? 0) <= now - WINDOW_MS) log.head++;
    // Compact now and then instead of shifting on every send.
    if (log.head > 1024 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    return log.times.length - log.head < this.limitOf(phoneNumberId);
  }

  #logOf(phoneNumberId: string): { times: number[]; head: number } {
    let log = this.#accepted.get(phoneNumberId);
    if (!log) {
      log = { times: [], head: 0 };
      this.#accepted.set(phoneNumberId, log);
    }
    return log;
  }

  clear(): void {
    this.#accepted.clear();
  }
}
