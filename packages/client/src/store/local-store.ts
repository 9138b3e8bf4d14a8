import type { Conversation, Message, SwitchboardEvent } from '@switchboard/protocol';
import { newerConversation } from './merge.js';

/** What a view does with the events the store routes to it. */
export interface StoreSubscriber {
  conversation?(conversation: Conversation): void;
  message?(message: Message): void;
  /** The stream could not be resumed: reload through REST. */
  resync(): void;
}

/**
 * The client's normalized store: every conversation the client has seen (by id), kept current by
 * the events, and the live views that hold message lists. Events are applied in seq order as the
 * stream delivers them; a conversation's newest version wins (merge.ts).
 */
export class LocalStore {
  readonly conversations = new Map<string, Conversation>();
  readonly #subscribers = new Set<StoreSubscriber>();

  attach(subscriber: StoreSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => void this.#subscribers.delete(subscriber);
  }

  apply(event: SwitchboardEvent): void {
    if (event.type === 'conversation.created' || event.type === 'conversation.updated') {
      if (this.put(event.data) === event.data)
        for (const s of this.#subscribers) s.conversation?.(event.data);
    } else {
      for (const s of this.#subscribers) s.message?.(event.data);
    }
  }

  /** Keeps the newer version; returns the one the store now holds. */
  put(conversation: Conversation): Conversation {
    const current = this.conversations.get(conversation.id);
    if (!newerConversation(current, conversation)) return current!;
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  resync(): void {
    for (const s of [...this.#subscribers]) s.resync();
  }
}
