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
 */
export class ThreadStore {
  #threads = new Map<string, Thread>();
  #byId = new Map<string, ThreadEntry>();

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
