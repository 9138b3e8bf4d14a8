import type { Conversation } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import { withQuery } from '../http/rest.js';
import type { LoadStatus, ViewHost } from './live-view.js';
import { compareConversations } from './merge.js';
import { PagedView, pageSize } from './paged-view.js';

/** Which conversations a view holds. @example client.conversations({ ref: 'CASE-42' }) */
export interface ConversationsQuery {
  /** Only conversations carrying this ref (the app's case id). */
  ref?: string;
  /** Search (name, number, username, refs); a searched list is not reordered by events. */
  q?: string;
}

/** What a conversations view shows; a new frozen object after every change. */
export interface ConversationsSnapshot {
  readonly conversations: readonly Conversation[];
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
  /** More pages can be loaded with `loadMore()`. */
  readonly hasMore: boolean;
}

/**
 * The conversations of a query, most recent activity first, kept live: a conversation that gains
 * the ref appears, one that loses it leaves, activity moves it up.
 * @example
 * const view = client.conversations({ ref: 'CASE-42' });
 * const stop = view.subscribe(() => renderList(view.getSnapshot().conversations));
 * await view.loadMore();
 */
export class ConversationsView extends PagedView<ConversationsSnapshot, Conversation> {
  readonly #query: ConversationsQuery;

  constructor(host: ViewHost, query: ConversationsQuery, register: (view: object) => () => void) {
    super(host, { conversations: [], status: 'loading', error: null, hasMore: false }, register);
    this.#query = query;
    this.start(true);
  }

  /** Loads the next page (a no-op while one is loading or when there is none). */
  loadMore(): Promise<void> {
    return this.more();
  }

  protected attach(): (() => void)[] {
    return [
      this.host.store.attach({
        conversation: (c) => this.#onConversation(c),
        resync: () => this.load(),
      }),
    ];
  }

  protected pagePath(cursor: string | null): string {
    const { ref, q } = this.#query;
    return withQuery('/v1/conversations', { limit: pageSize, ref, q, cursor });
  }

  protected show(items: Conversation[], first: boolean, hasMore: boolean): void {
    // Page items go through the store, so the newest version of each is what is shown.
    const page = items.map((c) => this.host.store.put(c));
    if (first) return this.update({ conversations: page, status: 'ready', error: null, hasMore });
    const shown = this.state.conversations;
    const known = new Set(shown.map((c) => c.id));
    this.update({ conversations: [...shown, ...page.filter((c) => !known.has(c.id))], hasMore });
  }

  #onConversation(conversation: Conversation): void {
    if (this.state.status !== 'ready') return;
    const { ref, q } = this.#query;
    const list = this.state.conversations;
    const i = list.findIndex((c) => c.id === conversation.id);
    if (q !== undefined) {
      // A search keeps its own order and members; only the objects are refreshed.
      if (i >= 0) this.update({ conversations: list.map((c, k) => (k === i ? conversation : c)) });
      return;
    }
    const belongs = ref === undefined || conversation.refs.includes(ref);
    if (i < 0 && !belongs) return;
    const rest = list.filter((c) => c.id !== conversation.id);
    this.update({ conversations: belongs ? [...rest, conversation].sort(compareConversations) : rest });
  }
}
