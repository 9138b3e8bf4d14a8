import { Timer, type Clock } from '../connection/clock.js';
import { Listeners } from '../listeners.js';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface ViewHost {
  clock: Clock;
  /** How long a view nobody subscribes to is kept (StrictMode mounts, unmounts and mounts again). */
  releaseGraceMs: number;
  /** The stream is needed while a view is subscribed. */
  retain(): void;
  release(): void;
  /** Resolves once the stream is live: a view loads after that, so no event falls in between. */
  whenLive(): Promise<void>;
}

/**
 * A live, reference-counted view: `getSnapshot()` returns the same frozen object until something
 * changed, `subscribe(listener)` returns the unsubscribe. While subscribed the view holds the
 * client's stream open; released by its last subscriber, it lives on for a grace period and is
 * then disposed (a new call gets a new view that loads again).
 */
export abstract class LiveView<S extends object> {
  private snapshot: S;
  private readonly listeners = new Listeners<S>();
  private readonly grace: Timer;
  private subscribers = 0;
  private disposed = false;
  private detach: () => void = () => {};

  protected constructor(
    protected readonly host: ViewHost,
    initial: S,
  ) {
    this.snapshot = Object.freeze(initial);
    this.grace = new Timer(host.clock);
    this.grace.set(() => this.dispose(), host.releaseGraceMs);
  }

  /** The current state; a new object after every change, the same one otherwise. */
  getSnapshot = (): S => this.snapshot;

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe = (listener: () => void): (() => void) => {
    const off = this.listeners.add(listener);
    if (this.subscribers++ === 0) {
      this.grace.clear();
      if (this.disposed) {
        this.disposed = false;
        this.detach = this.attach();
        this.load();
      }
      this.host.retain();
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (--this.subscribers === 0) {
        this.host.release();
        this.grace.set(() => this.dispose(), this.host.releaseGraceMs);
      }
    };
  };

  protected update(patch: Partial<S>): void {
    this.snapshot = Object.freeze({ ...this.snapshot, ...patch });
    this.listeners.emit(this.snapshot);
  }

  protected get state(): S {
    return this.snapshot;
  }

  private dispose(): void {
    if (this.subscribers > 0 || this.disposed) return;
    this.disposed = true;
    this.detach();
  }

  /** Subclasses call this last in their constructor: registers the view and loads it. */
  protected start(load: boolean): void {
    this.detach = this.attach();
    if (load) this.load();
  }

  /** Registers the view (with the store and the client's cache); returns the undo. */
  protected abstract attach(): () => void;

  /** (Re)loads the view's data through REST, keeping what it shows until the answer is in. */
  abstract load(): void;
}
