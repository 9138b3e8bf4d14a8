/**
 * The run loop the background workers share (inbox, outbox, media downloads): a pass runs when
 * kicked and on a poll interval, never two at once; a kick during a pass runs one more right after
 * it, so nothing kicked is missed. `settle()` resolves once a pass that started after the call has
 * finished with nothing left to do (tests and shutdown use it).
 */
export class PassLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  // Kicks work before start(); start() adds the poll interval.
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly options: {
      pollMs: number;
      /** Called when a pass fails; the loop goes on. */
      onError: (err: unknown) => void;
      /** Whether work started by passes is still under way (settle waits for it too). */
      busy?: () => boolean;
    },
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.wakeIfIdle();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err: unknown) => this.options.onError(err))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        } else {
          this.wakeIfIdle();
        }
      });
  }

  settle(): Promise<void> {
    this.kick();
    if (!this.running && !this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Wakes settle() callers when no pass runs and nothing is under way (or the loop stopped). */
  wakeIfIdle(): void {
    if (!this.stopped && (this.running || this.busy())) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private busy(): boolean {
    return this.options.busy?.() ?? false;
  }
}
