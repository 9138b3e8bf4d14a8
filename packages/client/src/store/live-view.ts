import { Timer, type Clock } from '../connection/clock.js';
import type { SwitchboardError } from '../errors.js';
import { Listeners, onlyOnce } from '../listeners.js';
import type { LocalStore } from './local-store.js';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface ViewHost {
  clock: Clock;
  /** How long a view nobody subscribes to is kept (StrictMode mounts, unmounts and mounts again). */
  releaseGraceMs: number;
  store: LocalStore;
  /** The stream is needed while a view is subscribed. */
  retain(): void;
  release(): void;
  /** GETs `path` once the stream is live: a view loads after that, so no event falls in between. */
  get<T>(path: string): Promise<T>;
}

/** What every view's snapshot says about its loading. */
export interface ViewState {
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
}

/**
 * A live, reference-counted view: `getSnapshot()` returns the same frozen object until something
 * changed, `subscribe(listener)` returns the unsubscribe. While subscribed the view holds the
 * client's stream open; released by its last subscriber, it lives on for a grace period and is
 * then disposed (a new call gets a new view that loads again).
 */
export abstract class LiveView<S extends ViewState> {
  #snapshot: S;
  readonly #listeners = new Listeners<S>();
  readonly #grace: Timer;
  /** Puts the view in the client's cache; returns the undo. */
  readonly #register: (view: object) => () => void;
  #subscribers = 0;
  #disposed = false;
  #detach = (): void => {};

  protected constructor(
    protected readonly host: ViewHost,
    initial: S,
    register: (view: object) => () => void,
  ) {
    this.#snapshot = Object.freeze(initial);
    this.#register = register;
    this.#grace = new Timer(host.clock);
    this.#disposeLater();
  }

  /** The current state; a new object after every change, the same one otherwise. */
  getSnapshot = (): S => this.#snapshot;

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe = (listener: () => void): (() => void) => {
    const off = this.#listeners.add(listener);
    if (this.#subscribers++ === 0) {
      this.#grace.clear();
      if (this.#disposed) {
        this.#disposed = false;
        this.start(true);
      }
      this.host.retain();
    }
    return onlyOnce(() => {
      off();
      if (--this.#subscribers === 0) {
        this.host.release();
        this.#disposeLater();
      }
    });
  };

  protected update(patch: Partial<S>): void {
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...patch });
    this.#listeners.emit(this.#snapshot);
  }

  protected get state(): S {
    return this.#snapshot;
  }

  /** A load that failed: the first one's error is the view's status, a later page's only its `error`. */
  protected failed(error: SwitchboardError, first = true): void {
    this.update((first ? { status: 'error', error } : { error }) as Partial<S>);
  }

  #disposeLater(): void {
    this.#grace.set(() => {
      if (this.#subscribers > 0 || this.#disposed) return;
      this.#disposed = true;
      this.#detach();
    }, this.host.releaseGraceMs);
  }

  /** Subclasses call this last in their constructor: registers the view and loads it. */
  protected start(load: boolean): void {
    const undo = [this.#register(this), ...this.attach()];
    this.#detach = () => {
      for (const off of undo) off();
    };
    if (load) this.load();
  }

  /** Subscribes the view (to the store, …); returns the undos. */
  protected abstract attach(): (() => void)[];

  /** (Re)loads the view's data through REST, keeping what it shows until the answer is in. */
  abstract load(): void;
}
