import type { Message } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import { path, withQuery } from '../http/rest.js';
import type { LoadStatus, ViewHost } from './live-view.js';
import { compareMessages, newerMessage } from './merge.js';
import { PagedView, pageSize } from './paged-view.js';

/** What a messages view shows; a new frozen object after every change. */
export interface MessagesSnapshot {
  /** Oldest first; messages being sent (`queued` or failed before the server took them) last. */
  readonly messages: readonly Message[];
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
  /** Older pages can be loaded with `loadOlder()`. */
  readonly hasOlder: boolean;
}

/** What the view needs of the send queue: this conversation's sends the server has not shown yet. */
export interface PendingSends {
  pending(conversationId: string): readonly Message[];
  /** A server message confirms a send (same clientMessageId). */
  confirm(message: Message): void;
  readonly changes: { add(listener: (conversationId: string) => void): () => void };
}

/**
 * One conversation's messages, newest page first, older pages on demand, kept live. Changes are
 * applied to a map and published once per microtask, so a burst of events (a resume replaying
 * thousands) costs one new snapshot, not one per event. The map keeps arrival order, which is
 * nearly always server order, so the sort before publishing is a single pass.
 * @example
 * const view = client.messages(conversationId);
 * const stop = view.subscribe(() => renderThread(view.getSnapshot().messages));
 * if (view.getSnapshot().hasOlder) await view.loadOlder();
 */
export class MessagesView extends PagedView<MessagesSnapshot, Message> {
  readonly #conversationId: string;
  readonly #sends: PendingSends;
  #byId = new Map<string, Message>();
  /** The oldest message a page brought: older ones come with `loadOlder`, not with events. */
  #oldestPaged: Message | null = null;
  #scheduled = false;

  constructor(
    host: ViewHost,
    conversationId: string,
    sends: PendingSends,
    register: (view: object) => () => void,
  ) {
    super(host, { messages: [], status: 'loading', error: null, hasOlder: false }, register);
    this.#conversationId = conversationId;
    this.#sends = sends;
    this.start(true);
  }

  /** Loads the page before the oldest message shown (a no-op while loading or at the start). */
  loadOlder(): Promise<void> {
    return this.more();
  }

  protected attach(): (() => void)[] {
    return [
      this.host.store.attach({ message: (m) => this.#onMessage(m), resync: () => this.load() }),
      // A send shows at once (sends are few; events are what come in bursts).
      this.#sends.changes.add(
        (id) => id === this.#conversationId && this.state.status === 'ready' && this.#publish(),
      ),
    ];
  }

  protected pagePath(before: string | null): string {
    return withQuery(path`/v1/conversations/${this.#conversationId}/messages`, { limit: pageSize, before });
  }

  /** The first page is swapped in at once; what is shown stays until then. */
  protected show(items: Message[], first: boolean, hasOlder: boolean): void {
    let live: Message[] = [];
    if (first) {
      // What events brought while the page was loading stays where it is newer than the page.
      const oldest = items[0]?.createdAt ?? '';
      live = [...this.#byId.values()].filter((m) => m.createdAt >= oldest);
      this.#byId = new Map();
    }
    if (first || items[0]) this.#oldestPaged = items[0] ?? null;
    for (const m of [...items, ...live]) this.#put(m);
    this.#publish(first ? { status: 'ready', error: null, hasOlder } : { hasOlder });
  }

  #onMessage(message: Message): void {
    if (message.conversationId !== this.#conversationId || this.#beforeLoadedPages(message)) return;
    if (this.#put(message) && this.state.status === 'ready') this.#schedule();
  }

  /**
   * A new message older than every loaded page while older pages remain (a late delivery, a
   * replayed backlog) belongs to a page not loaded yet: shown then, in its place. Inserting it now
   * would grow the list above what the reader is looking at, and leave a hole between.
   */
  #beforeLoadedPages(message: Message): boolean {
    const oldest = this.#oldestPaged;
    return (
      this.state.hasOlder &&
      oldest !== null &&
      !this.#byId.has(message.id) &&
      compareMessages(message, oldest) < 0
    );
  }

  /** Keeps the newer version; returns whether anything changed. */
  #put(message: Message): boolean {
    const current = this.#byId.get(message.id);
    if (!newerMessage(current, message)) return false;
    this.#byId.set(message.id, message);
    this.#sends.confirm(message);
    return true;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.state.status === 'ready') this.#publish();
    });
  }

  #publish(patch: Partial<MessagesSnapshot> = {}): void {
    const messages = [...this.#byId.values()].sort(compareMessages);
    messages.push(...this.#sends.pending(this.#conversationId));
    this.update({ ...patch, messages: Object.freeze(messages) });
  }
}
