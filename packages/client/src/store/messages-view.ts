import type { Message } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import type { Rest } from '../http/rest.js';
import { LiveView, type LoadStatus, type ViewHost } from './live-view.js';
import type { LocalStore } from './local-store.js';
import { compareMessages, newerMessage } from './merge.js';

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

interface Page {
  data: Message[];
  nextCursor: string | null;
}

const pageSize = 50;

/**
 * One conversation's messages, newest page first, older pages on demand, kept live. Changes are
 * applied to a map and published once per microtask, so a burst of events (a resume replaying
 * thousands) costs one new snapshot, not one per event.
 */
export class MessagesView extends LiveView<MessagesSnapshot> {
  private byId = new Map<string, Message>();
  private order: Message[] = [];
  private sorted = true;
  private scheduled = false;
  private olderCursor: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    host: ViewHost,
    private readonly conversationId: string,
    private readonly rest: Rest,
    private readonly sends: PendingSends,
    private readonly store: LocalStore,
    private readonly register: (view: object) => () => void,
  ) {
    super(host, { messages: [], status: 'loading', error: null, hasOlder: false });
    this.start(true);
  }

  protected attach(): () => void {
    const detach = this.store.attach({ message: (m) => this.onMessage(m), resync: () => this.load() });
    // A send shows at once (sends are few; events are what come in bursts).
    const offSends = this.sends.changes.add(
      (id) => id === this.conversationId && this.state.status === 'ready' && this.publish(),
    );
    const unregister = this.register(this);
    return () => {
      detach();
      offSends();
      unregister();
    };
  }

  /** (Re)loads the newest page; what is shown stays until the page is in, then is swapped at once. */
  load(): void {
    this.loading = this.fetch(null).then(
      (page) => {
        // What events brought while the page was loading stays where it is newer than the page.
        const oldest = page.data[0]?.createdAt ?? '';
        const live = [...this.byId.values()].filter((m) => m.createdAt >= oldest);
        this.byId = new Map();
        this.order = [];
        for (const m of page.data) this.put(m);
        for (const m of live) this.put(m);
        this.olderCursor = page.nextCursor;
        this.publish({ status: 'ready', error: null, hasOlder: page.nextCursor !== null });
      },
      (error: SwitchboardError) => this.update({ status: 'error', error }),
    );
  }

  /** Loads the page before the oldest message shown (a no-op while loading or at the start). */
  async loadOlder(): Promise<void> {
    await this.loading;
    if (this.olderCursor === null) return;
    const cursor = this.olderCursor;
    this.loading = this.fetch(cursor).then(
      (page) => {
        for (const m of page.data) this.put(m);
        this.olderCursor = page.nextCursor;
        this.publish({ hasOlder: page.nextCursor !== null });
      },
      (error: SwitchboardError) => this.update({ error }),
    );
    await this.loading;
  }

  private async fetch(before: string | null): Promise<Page> {
    await this.host.whenLive();
    const query = `limit=${pageSize}${before === null ? '' : `&before=${encodeURIComponent(before)}`}`;
    return this.rest.request<Page>(
      `/v1/conversations/${encodeURIComponent(this.conversationId)}/messages?${query}`,
    );
  }

  private onMessage(message: Message): void {
    if (message.conversationId !== this.conversationId) return;
    if (this.put(message) && this.state.status === 'ready') this.schedule();
  }

  /** Keeps the newer version; returns whether anything changed. */
  private put(message: Message): boolean {
    const current = this.byId.get(message.id);
    if (!newerMessage(current, message)) return false;
    this.byId.set(message.id, message);
    this.sends.confirm(message);
    if (!current) {
      const last = this.order[this.order.length - 1];
      if (last && compareMessages(last, message) > 0) this.sorted = false;
      this.order.push(message);
    } else this.order[this.order.lastIndexOf(current)] = message; // recent ones change most: search from the end
    return true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.state.status === 'ready') this.publish();
    });
  }

  private publish(patch: Partial<MessagesSnapshot> = {}): void {
    if (!this.sorted) {
      this.order.sort(compareMessages);
      this.sorted = true;
    }
    const pending = this.sends.pending(this.conversationId);
    this.update({ ...patch, messages: Object.freeze([...this.order, ...pending]) });
  }
}
