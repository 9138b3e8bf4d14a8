/** Most messages handed over in one macrotask, so delivery I/O is never starved by production. */
const CHUNK = 64;

/**
 * Paces simulated customers. Closed loop (`rate` 0): keep `window` messages produced but not yet
 * received, topping up whenever the receiver's count moves: the sender runs as fast as delivery
 * allows, with a bounded backlog (so latency under saturation is about `window / rate`). Open loop
 * (`rate` > 0): produce `rate` messages per second on schedule, whatever delivery does; the backlog
 * then shows whether delivery keeps up.
 */
export class Producer {
  produced = 0;
  received = 0;
  maxBacklog = 0;
  #running = false;
  #toppingUp = false;
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;

  constructor(
    private readonly emit: (sequence: number) => void,
    private readonly options: { rate: number; window: number },
  ) {}

  start(): void {
    this.#running = true;
    this.#startedAt = performance.now();
    if (this.options.rate > 0) this.#timer = setInterval(() => this.#onSchedule(), 1);
    else this.#topUp();
  }

  stop(): void {
    this.#running = false;
    clearInterval(this.#timer);
  }

  /** The receiver's count (relayed by the parent). */
  progress(received: number): void {
    this.received = Math.max(this.received, received);
    if (this.options.rate === 0) this.#topUp();
  }

  get backlog(): number {
    return this.produced - this.received;
  }

  #produce(): void {
    this.emit(this.produced);
    this.produced += 1;
    if (this.backlog > this.maxBacklog) this.maxBacklog = this.backlog;
  }

  #topUp(): void {
    if (!this.#running || this.#toppingUp) return;
    for (let n = 0; n < CHUNK && this.backlog < this.options.window; n += 1) this.#produce();
    if (this.backlog < this.options.window) {
      this.#toppingUp = true;
      setImmediate(() => {
        this.#toppingUp = false;
        this.#topUp();
      });
    }
  }

  #onSchedule(): void {
    if (!this.#running) return;
    const due = Math.floor(((performance.now() - this.#startedAt) * this.options.rate) / 1000);
    // Timers run late under load; catch up, but in bounded steps.
    for (let n = 0; n < CHUNK * 4 && this.produced < due; n += 1) this.#produce();
  }
}
