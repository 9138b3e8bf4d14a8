import type { ThreadEntry } from './thread-item.js';

/** The conversation between one business number and one customer. */
export interface Thread {
  readonly phoneNumberId: string;
  readonly waId: string;
  /** Visible messages, oldest first. Reactions, edits and revokes change these instead of adding. */
  readonly items: ThreadEntry[];
  /** The business showed "typing…" (mark-read with `typing_indicator`) until this time. */
  typingUntil: number | undefined;
}

/**
 * Every thread, and every message by wamid (including reactions, edits and revokes, which have ids
 * of their own but no item of their own), so that replies, reactions and mark-read can find them.
 *
 * Bounded: beyond `maxEntries` messages the oldest are forgotten (as a phone scrolls history
 * away), so a long load test driving thousands of messages a second cannot exhaust memory. A
 * forgotten message is then unknown to mark-read and replies, like a message older than WhatsApp
 * lets a business act on.
 */
export class ThreadStore {
  #threads = new Map<string, Thread>();
  #byId = new Map<string, ThreadEntry>();

  constructor(private readonly maxEntries = 50_000) {}

  get(phoneNumberId: string, waId: string): Thread | undefined {
    return this.#threads.get(key(phoneNumberId, waId));
  }

  getOrCreate(phoneNumberId: string, waId: string): Thread {
    let thread = this.get(phoneNumberId, waId);
    if (!thread) {
      thread = { phoneNumberId, waId, items: [], typingUntil: undefined };
      this.#threads.set(key(phoneNumberId, waId), thread);
    }
    return thread;
  }

  /** Records a message; `visible` false indexes it without adding a thread item. */
  add(entry: ThreadEntry, visible: boolean): void {
    this.#byId.set(entry.id, entry);
    if (visible) this.getOrCreate(entry.phoneNumberId, entry.waId).items.push(entry);
    while (this.#byId.size > this.maxEntries) this.#forgetOldest();
  }

  #forgetOldest(): void {
    const oldest = this.#byId.values().next().value;
    if (!oldest) return;
    this.#byId.delete(oldest.id);
    const thread = this.get(oldest.phoneNumberId, oldest.waId);
    if (!thread) return;
    // Items are oldest first, so the forgotten one is almost always at the head.
    const index = thread.items.indexOf(oldest);
    if (index >= 0) thread.items.splice(index, 1);
  }

  all(): Thread[] {
    return [...this.#threads.values()];
  }

  find(wamid: string): ThreadEntry | undefined {
    return this.#byId.get(wamid);
  }

  clear(): void {
    this.#threads = new Map();
    this.#byId = new Map();
  }
}

function key(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}
