import type { Store } from '../store/store.js';
import type { EventNotifier } from './event-notifier.js';

/**
 * The EventNotifier of a single node: relays `store.onCommit`, which fires after every durable
 * commit that appended events, in commit order. Enough for SQLite (one node per file) and for one
 * PostgreSQL node; several PostgreSQL nodes need LISTEN/NOTIFY so that one node hears another's commits.
 */
export class InProcessEventNotifier implements EventNotifier {
  private readonly listeners = new Set<(seq: number) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly store: Store) {}

  subscribe(listener: (seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<void> {
    this.unsubscribe ??= this.store.onCommit((seq) => {
      for (const listener of this.listeners) listener(seq);
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    return Promise.resolve();
  }
}
