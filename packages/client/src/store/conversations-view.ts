import type { Conversation } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import type { Rest } from '../http/rest.js';
import { LiveView, type LoadStatus, type ViewHost } from './live-view.js';
import type { LocalStore } from './local-store.js';
import { compareConversations } from './merge.js';

export interface ConversationsQuery {
  /** Only conversations carrying this ref (the app's case id). */
  ref?: string;
  /** Search (name, number, username, refs); a searched list is not reordered by events. */
  q?: string;
}

export interface ConversationsSnapshot {
  readonly conversations: readonly Conversation[];
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
  /** More pages can be loaded with `loadMore()`. */
  readonly hasMore: boolean;
}

interface Page {
  data: Conversation[];
  nextCursor: string | null;
}

const pageSize = 50;

/**
 * The conversations of a query, most recent activity first, kept live: a conversation that gains
 * the ref appears, one that loses it leaves, activity moves it up.
 */
export class ConversationsView extends LiveView<ConversationsSnapshot> {
  private cursor: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    host: ViewHost,
    private readonly store: LocalStore,
    private readonly rest: Rest,
    private readonly query: ConversationsQuery,
    private readonly register: (view: object) => () => void,
  ) {
    super(host, { conversations: [], status: 'loading', error: null, hasMore: false });
    this.start(true);
  }

  protected attach(): () => void {
    const detach = this.store.attach({
      conversation: (c) => this.onConversation(c),
      resync: () => this.load(),
    });
    const unregister = this.register(this);
    return () => {
      detach();
      unregister();
    };
  }

  load(): void {
    this.loading = this.fetch(null).then(
      (page) => {
        this.cursor = page.nextCursor;
        this.update({
          conversations: this.put(page.data),
          status: 'ready',
          error: null,
          hasMore: page.nextCursor !== null,
        });
      },
      (error: SwitchboardError) => this.update({ status: 'error', error }),
    );
  }

  /** Loads the next page (a no-op while one is loading or when there is none). */
  async loadMore(): Promise<void> {
    await this.loading;
    if (this.cursor === null) return;
    const cursor = this.cursor;
    this.loading = this.fetch(cursor).then(
      (page) => {
        this.cursor = page.nextCursor;
        const known = new Set(this.state.conversations.map((c) => c.id));
        const more = this.put(page.data).filter((c) => !known.has(c.id));
        this.update({
          conversations: [...this.state.conversations, ...more],
          hasMore: page.nextCursor !== null,
        });
      },
      (error: SwitchboardError) => this.update({ error }),
    );
    await this.loading;
  }

  private async fetch(cursor: string | null): Promise<Page> {
    await this.host.whenLive();
    const params = new URLSearchParams({ limit: String(pageSize) });
    if (this.query.ref !== undefined) params.set('ref', this.query.ref);
    if (this.query.q !== undefined) params.set('q', this.query.q);
    if (cursor !== null) params.set('cursor', cursor);
    return this.rest.request<Page>(`/v1/conversations?${params}`);
  }

  /** Page items through the store, so the newest version of each is what is shown. */
  private put(items: Conversation[]): Conversation[] {
    return items.map((c) => {
      this.store.putConversation(c);
      return this.store.conversations.get(c.id)!;
    });
  }

  private onConversation(conversation: Conversation): void {
    if (this.state.status !== 'ready') return;
    const list = this.state.conversations;
    const i = list.findIndex((c) => c.id === conversation.id);
    const belongs = this.query.ref === undefined || conversation.refs.includes(this.query.ref);
    if (this.query.q !== undefined) {
      // A search keeps its own order and members; only the objects are refreshed.
      if (i >= 0) this.update({ conversations: list.map((c, k) => (k === i ? conversation : c)) });
      return;
    }
    if (i < 0 && !belongs) return;
    const rest = list.filter((c) => c.id !== conversation.id);
    const next = belongs ? [...rest, conversation].sort(compareConversations) : rest;
    this.update({ conversations: next });
  }
}
