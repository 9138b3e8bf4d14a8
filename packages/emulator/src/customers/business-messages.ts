import type { WebhookError, WebhookPricing } from '@switchboard/whatsapp';
import type { Clock } from '../core/clock.js';
import type { ValidatedSend } from '../core/outbound-gate.js';
import type { BusinessNumber } from './business-numbers.js';
import type { ChangeFeed } from './change-feed.js';
import type { Customer } from './customer-directory.js';
import { messagePreview } from './message-preview.js';
import type { StatusProgression } from './status-progression.js';
import { applyReaction, type ThreadEntry } from './thread-item.js';
import type { ThreadStore } from './thread-store.js';
import type { TypingIndicators } from './typing-indicators.js';
import { newWamid } from './wamid.js';

/** How the platform judged an accepted send (see rules/platform-rules.ts). */
export interface AcceptedSend {
  readonly send: ValidatedSend;
  readonly business: BusinessNumber;
  readonly customer: Customer | undefined;
  readonly failure: WebhookError | undefined;
  readonly pricing: WebhookPricing;
  readonly freeEntryPoint: boolean;
}

/**
 * The customer's side of a business send: the message lands in the thread (a reaction lands on the
 * message it reacts to), the typing indicator ends, and the status progression starts.
 */
export class BusinessMessages {
  constructor(
    private readonly deps: {
      clock: Clock;
      threads: ThreadStore;
      typing: TypingIndicators;
      progression: StatusProgression;
      feed: ChangeFeed;
      /** Whether statuses carry `recipient_user_id` (the BSUID). */
      bsuid: boolean;
    },
  ) {}

  /** Records the send and returns its wamid. */
  record(accepted: AcceptedSend): string {
    const { send } = accepted;
    const { threads } = this.deps;
    const wamid = newWamid(send.waId, 'out');
    const thread = threads.getOrCreate(send.phoneNumberId, send.waId);
    const reactionTarget = send.type === 'reaction' ? this.#reactionTarget(send) : undefined;
    const entry: ThreadEntry = {
      id: wamid,
      phoneNumberId: send.phoneNumberId,
      waId: send.waId,
      direction: 'out',
      type: send.type,
      timestamp: this.deps.clock.now(),
      preview: messagePreview(send.body),
      message: send.body,
      status: 'accepted',
      ...(send.replyTo !== undefined && { replyTo: send.replyTo }),
      reactions: [],
      edited: false,
      revoked: false,
    };
    // A reaction shows on its message; one whose message is unknown is kept as an item of its own.
    threads.add(entry, reactionTarget === undefined);
    if (reactionTarget && !accepted.failure) {
      const emoji = (send.body.reaction as { emoji?: unknown } | undefined)?.emoji;
      applyReaction(reactionTarget, 'business', typeof emoji === 'string' ? emoji : undefined);
    }
    this.deps.typing.dismiss(thread);
    this.deps.progression.start({
      entry,
      business: accepted.business,
      recipientUserId: this.deps.bsuid ? accepted.customer?.userId : undefined,
      bizOpaqueCallbackData: send.bizOpaqueCallbackData,
      voice: send.voice,
      reaction: send.type === 'reaction',
      pricing: accepted.pricing,
      freeEntryPoint: accepted.freeEntryPoint,
      failure: accepted.failure,
    });
    this.deps.feed.thread(send.phoneNumberId, send.waId);
    return wamid;
  }

  #reactionTarget(send: ValidatedSend): ThreadEntry | undefined {
    const messageId = (send.body.reaction as { message_id?: unknown } | undefined)?.message_id;
    if (typeof messageId !== 'string') return undefined;
    const target = this.deps.threads.find(messageId);
    return target && target.phoneNumberId === send.phoneNumberId && target.waId === send.waId
      ? target
      : undefined;
  }
}
