/** Time as the SDK sees it: injectable, so tests drive backoff, stalls and token expiry by hand. */
export interface Clock {
  /** Wall-clock epoch ms: it keeps running while a laptop sleeps, unlike timers. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The clock's time as an ISO timestamp, the form the server's messages carry. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();

/** A timer that can be rescheduled and cancelled; one pending call at a time. */
export class Timer {
  readonly #clock: Clock;
  #handle: unknown = null;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  set(fn: () => void, ms: number): void {
    this.clear();
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = null;
      fn();
    }, ms);
  }

  clear(): void {
    if (this.#handle !== null) this.#clock.clearTimeout(this.#handle);
    this.#handle = null;
  }
}
