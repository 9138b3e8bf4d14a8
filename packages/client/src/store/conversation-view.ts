import type { Conversation } from '@switchboard/protocol';
import type { SwitchboardError } from '../errors.js';
import { path } from '../http/rest.js';
import { LiveView, type LoadStatus, type ViewHost } from './live-view.js';

/** What a conversation view shows; a new frozen object after every change. */
export interface ConversationSnapshot {
  readonly conversation: Conversation | null;
  readonly status: LoadStatus;
  readonly error: SwitchboardError | null;
}

/**
 * One conversation, from the store when it is known there, kept live by its events.
 * @example
 * const view = client.conversation(id);
 * view.subscribe(() => showWindow(view.getSnapshot().conversation?.windowExpiresAt));
 */
export class ConversationView extends LiveView<ConversationSnapshot> {
  readonly #id: string;

  constructor(host: ViewHost, id: string, register: (view: object) => () => void) {
    const known = host.store.conversations.get(id) ?? null;
    super(host, { conversation: known, status: known ? 'ready' : 'loading', error: null }, register);
    this.#id = id;
    this.start(!known);
  }

  protected attach(): (() => void)[] {
    return [
      this.host.store.attach({
        conversation: (c) => c.id === this.#id && this.#show(c),
        resync: () => this.load(),
      }),
    ];
  }

  load(): void {
    void this.host.get<Conversation>(path`/v1/conversations/${this.#id}`).then(
      (c) => this.#show(this.host.store.put(c)),
      (error: SwitchboardError) => this.failed(error),
    );
  }

  #show(conversation: Conversation): void {
    this.update({ conversation, status: 'ready', error: null });
  }
}
