import type { Conversation } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import type { Rest } from '../http/rest.js';
import { LiveView, type LoadStatus, type ViewHost } from './live-view.js';
import type { LocalStore } from './local-store.js';

export interface ConversationSnapshot {
  readonly conversation: Conversation | null;
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
}

/** One conversation, from the store when it is known there, kept live by its events. */
export class ConversationView extends LiveView<ConversationSnapshot> {
  constructor(
    host: ViewHost,
    private readonly id: string,
    private readonly store: LocalStore,
    private readonly rest: Rest,
    private readonly register: (view: object) => () => void,
  ) {
    const known = store.conversations.get(id) ?? null;
    super(host, { conversation: known, status: known ? 'ready' : 'loading', error: null });
    this.start(!known);
  }

  protected attach(): () => void {
    const detach = this.store.attach({
      conversation: (c) => c.id === this.id && this.update({ conversation: c, status: 'ready', error: null }),
      resync: () => this.load(),
    });
    const unregister = this.register(this);
    return () => {
      detach();
      unregister();
    };
  }

  load(): void {
    void this.host
      .whenLive()
      .then(() => this.rest.request<Conversation>(`/v1/conversations/${encodeURIComponent(this.id)}`))
      .then(
        (c) => {
          this.store.putConversation(c);
          this.update({ conversation: this.store.conversations.get(c.id)!, status: 'ready', error: null });
        },
        (error: SwitchboardError) => this.update({ status: 'error', error }),
      );
  }
}
