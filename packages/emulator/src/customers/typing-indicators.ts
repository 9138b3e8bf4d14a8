import { TYPING_INDICATOR_DURATION_MS } from '@switchboard/whatsapp';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { ChangeFeed } from './change-feed.js';
import type { Thread } from './thread-store.js';

/**
 * The "typing…" the customer sees after a mark-read with `typing_indicator`; WhatsApp dismisses it
 * after 25 seconds, or when the business sends.
 */
export class TypingIndicators {
  readonly #timers = new Map<Thread, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly feed: ChangeFeed,
  ) {}

  show(thread: Thread): void {
    this.#cancel(thread);
    thread.typingUntil = this.clock.now() + TYPING_INDICATOR_DURATION_MS;
    this.#timers.set(
      thread,
      this.clock.setTimeout(() => this.dismiss(thread), TYPING_INDICATOR_DURATION_MS),
    );
    this.feed.thread(thread.phoneNumberId, thread.waId);
  }

  dismiss(thread: Thread): void {
    this.#cancel(thread);
    if (thread.typingUntil === undefined) return;
    thread.typingUntil = undefined;
    this.feed.thread(thread.phoneNumberId, thread.waId);
  }

  isTyping(thread: Thread): boolean {
    return thread.typingUntil !== undefined && thread.typingUntil > this.clock.now();
  }

  clear(): void {
    for (const handle of this.#timers.values()) this.clock.clearTimeout(handle);
    this.#timers.clear();
  }

  #cancel(thread: Thread): void {
    const handle = this.#timers.get(thread);
    if (handle) this.clock.clearTimeout(handle);
    this.#timers.delete(thread);
  }
}
