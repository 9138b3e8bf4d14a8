import { MARK_READ_MAX_AGE_MS } from '@switchboard/whatsapp';
import type { Clock } from '../core/clock.js';
import { GraphError } from '../core/graph-error.js';
import type { ChangeFeed } from './change-feed.js';
import type { ThreadStore } from './thread-store.js';
import type { TypingIndicators } from './typing-indicators.js';

/**
 * Mark-as-read from the business (`{"status":"read","message_id"}`): blue ticks on that customer
 * message and every earlier one of the conversation, and optionally the typing indicator
 * (docs/whatsapp-cloud-api.md §5.4).
 */
export class BusinessReads {
  constructor(
    private readonly deps: { clock: Clock; threads: ThreadStore; typing: TypingIndicators; feed: ChangeFeed },
  ) {}

  /**
   * An unknown id, a message of another number, one the business sent itself, or one older than 30
   * days gives 131009 "Parameter value is not valid", as Meta answers (§5.4, §11 item 8).
   */
  markRead(input: { phoneNumberId: string; messageId: string; typing: boolean }): GraphError | undefined {
    const entry = this.deps.threads.find(input.messageId);
    if (!entry || entry.phoneNumberId !== input.phoneNumberId || entry.direction !== 'in') {
      return new GraphError(
        131009,
        `Message ${input.messageId} is not a message received by this phone number.`,
      );
    }
    if (this.deps.clock.now() - entry.timestamp > MARK_READ_MAX_AGE_MS) {
      return new GraphError(131009, 'Only messages received within the last 30 days can be marked as read.');
    }
    const thread = this.deps.threads.getOrCreate(entry.phoneNumberId, entry.waId);
    const index = thread.items.indexOf(entry);
    thread.items.forEach((item, i) => {
      const earlier = index >= 0 ? i <= index : item.timestamp <= entry.timestamp;
      if (item.direction === 'in' && earlier) item.readByBusiness = true;
    });
    entry.readByBusiness = true;
    if (input.typing) this.deps.typing.show(thread);
    this.deps.feed.thread(entry.phoneNumberId, entry.waId);
    return undefined;
  }
}
