import { randomBytes } from 'node:crypto';
import type {
  WebhookConversation,
  WebhookError,
  WebhookPricing,
  WebhookStatus,
  WebhookStatusValue,
} from '@switchboard/whatsapp';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { FaultController } from '../faults/fault-controller.js';
import { shuffleDistinct, type Random } from '../faults/prng.js';
import type { WebhookSink } from '../webhooks/webhook-event.js';
import type { BusinessNumber } from './business-numbers.js';
import { buildStatus, unixSeconds } from './build-status.js';
import type { ChangeFeed } from './change-feed.js';
import type { OutboundStatus, ThreadEntry } from './thread-item.js';

/** When the customer's phone reports each step, in ms after the send was accepted. */
export interface StatusDelays {
  readonly sent: number;
  readonly delivered: number;
  readonly read: number;
  /** After `read`, when a voice note is first played. */
  readonly played: number;
}

export const DEFAULT_STATUS_DELAYS: StatusDelays = Object.freeze({
  sent: 200,
  delivered: 800,
  read: 2000,
  played: 1500,
});

export interface StatusProgressionOptions {
  readonly clock: Clock;
  readonly sink: WebhookSink;
  readonly feed: ChangeFeed;
  readonly faults: FaultController;
  readonly random: Random;
  readonly delays: StatusDelays;
  /** Customers read (and play voice notes) on their own; otherwise only when told to. */
  readonly autoRead: boolean;
  /** The app's webhook version: from 24 on, `conversation` is left out (docs §4, §9). */
  readonly webhookVersion: number;
  readonly onError?: (message: string) => void;
}

/** One business message on its way through the customer's phone. */
export interface OutboundTrack {
  readonly entry: ThreadEntry;
  readonly business: BusinessNumber;
  readonly recipientUserId: string | undefined;
  readonly bizOpaqueCallbackData: string | undefined;
  readonly voice: boolean;
  /** Reactions only ever report `sent`. */
  readonly reaction: boolean;
  readonly pricing: WebhookPricing;
  readonly freeEntryPoint: boolean;
  /** Set when the platform fails the message after accepting it (131047, 131026). */
  readonly failure: WebhookError | undefined;
}

interface TrackState {
  readonly track: OutboundTrack;
  readonly conversationId: string;
  readonly skipDelivered: boolean;
  readonly timers: Set<TimerHandle>;
  /** Statuses held back to be delivered shuffled (the out-of-order fault). */
  held: WebhookStatus[] | undefined;
  /** Pricing goes on `sent` and on one of delivered/read, never both (docs §4). */
  secondPricingSent: boolean;
}

const RANK: Record<OutboundStatus, number> = {
  accepted: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};

/**
 * Moves business messages through sent → delivered → read (→ played for voice notes) on the
 * configured delays, or to failed, updating the thread and emitting each status webhook with the
 * `conversation` and `pricing` objects where Meta puts them. The phone's state only moves forward;
 * the out-of-order fault reorders the webhooks, never the state.
 */
export class StatusProgression {
  readonly #o: StatusProgressionOptions;
  #tracks = new Map<string, TrackState>();

  constructor(options: StatusProgressionOptions) {
    this.#o = options;
  }

  start(track: OutboundTrack): void {
    const plan = this.#o.faults.plan;
    const state: TrackState = {
      track,
      conversationId: randomBytes(16).toString('hex'),
      skipDelivered: plan.skipDelivered,
      timers: new Set(),
      held: plan.outOfOrder ? [] : undefined,
      secondPricingSent: false,
    };
    this.#tracks.set(track.entry.id, state);
    const d = this.#o.delays;
    const steps: { to: OutboundStatus; at: number }[] = [];
    if (track.failure) steps.push({ to: 'failed', at: d.sent });
    else {
      steps.push({ to: 'sent', at: d.sent });
      const delivered = Math.max(d.sent, d.delivered);
      const read = Math.max(delivered, d.read);
      if (!track.reaction) steps.push({ to: 'delivered', at: delivered });
      if (!track.reaction && this.#o.autoRead) steps.push({ to: 'read', at: read });
      if (!track.reaction && this.#o.autoRead && track.voice)
        steps.push({ to: 'played', at: read + d.played });
    }
    this.#schedule(state, steps, 0, 0);
  }

  /** The customer opens the chat: every business message that reached the phone is read, voice notes played. */
  readAll(entries: readonly ThreadEntry[]): number {
    let count = 0;
    for (const entry of entries) {
      const state = this.#tracks.get(entry.id);
      if (!state || (entry.status !== 'sent' && entry.status !== 'delivered')) continue;
      this.#advance(state, 'read');
      if (state.track.voice) this.#advance(state, 'played');
      count++;
      this.#settle(state);
    }
    return count;
  }

  clear(): void {
    for (const state of this.#tracks.values()) {
      for (const handle of state.timers) this.#o.clock.clearTimeout(handle);
    }
    this.#tracks = new Map();
  }

  /**
   * Runs the steps one after another, each timer set when the previous one fires: under load the
   * system clock's timers of different durations can fire out of order, and the phone's own
   * progression must not.
   */
  #schedule(
    state: TrackState,
    steps: readonly { to: OutboundStatus; at: number }[],
    index: number,
    after: number,
  ): void {
    const step = steps[index];
    if (!step) return;
    const handle = this.#o.clock.setTimeout(() => {
      state.timers.delete(handle);
      // A timer callback that throws would take the host process down (system clock).
      try {
        this.#advance(state, step.to);
        this.#schedule(state, steps, index + 1, step.at);
        this.#settle(state);
      } catch (err) {
        this.#o.onError?.(`status ${step.to} of ${state.track.entry.id} failed: ${String(err)}`);
      }
    }, step.at - after);
    state.timers.add(handle);
  }

  /** After a step: deliver held statuses once no step is pending, and forget finished messages. */
  #settle(state: TrackState): void {
    if (state.timers.size > 0) return;
    if (state.held) {
      const held = shuffleDistinct(this.#o.random, state.held);
      state.held = undefined;
      for (const status of held) this.#send(state.track, status);
    }
    const status = state.track.entry.status;
    const finished = status === 'failed' || status === 'played' || (status === 'read' && !state.track.voice);
    if (finished || state.track.reaction) this.#tracks.delete(state.track.entry.id);
  }

  #advance(state: TrackState, to: OutboundStatus): void {
    const { entry } = state.track;
    const from = entry.status ?? 'accepted';
    if (from === 'failed' || RANK[to] <= RANK[from]) return;
    if (to === 'failed') {
      if (from !== 'accepted') return;
      const failure = state.track.failure;
      entry.status = 'failed';
      if (failure)
        entry.error = {
          code: failure.code,
          title: failure.title,
          details: failure.error_data?.details ?? '',
        };
      this.#emit(state, 'failed');
    } else if (to === 'sent') {
      entry.status = 'sent';
      this.#emit(state, 'sent');
    } else if (to === 'delivered') {
      if (from !== 'sent') return;
      entry.status = 'delivered';
      // With the skip fault the phone still has the message; only its webhook is not sent.
      if (!state.skipDelivered) this.#emit(state, 'delivered');
    } else if (to === 'read') {
      if (from === 'accepted') return;
      // Delivered and read at once (the chat was open): WhatsApp sends no `delivered` then.
      entry.status = 'read';
      this.#emit(state, 'read');
    } else if (to === 'played') {
      if (from !== 'read' || !state.track.voice) return;
      entry.status = 'played';
      this.#emit(state, 'played');
    }
    this.#o.feed.thread(entry.phoneNumberId, entry.waId);
  }

  #emit(state: TrackState, status: WebhookStatusValue): void {
    const { track } = state;
    const now = this.#o.clock.now();
    let billed = false;
    if (status === 'sent') billed = true;
    else if ((status === 'delivered' || status === 'read') && !state.secondPricingSent) {
      billed = true;
      state.secondPricingSent = true;
    }
    const payload = buildStatus({
      wamid: track.entry.id,
      status,
      timestamp: unixSeconds(now),
      recipientId: track.entry.waId,
      recipientUserId: track.recipientUserId,
      bizOpaqueCallbackData: track.bizOpaqueCallbackData,
      conversation: billed ? this.#conversation(state, status === 'sent', now) : undefined,
      pricing: billed ? track.pricing : undefined,
      errors: status === 'failed' && track.failure ? [track.failure] : undefined,
    });
    if (state.held) state.held.push(payload);
    else this.#send(track, payload);
  }

  #conversation(state: TrackState, withExpiry: boolean, now: number): WebhookConversation | undefined {
    if (this.#o.webhookVersion >= 24 && !state.track.freeEntryPoint) return undefined;
    return {
      id: state.conversationId,
      ...(withExpiry && { expiration_timestamp: unixSeconds(now + 24 * 60 * 60 * 1000) }),
      origin: { type: state.track.pricing.category },
    };
  }

  #send(track: OutboundTrack, status: WebhookStatus): void {
    this.#o.sink.emit({
      wabaId: track.business.wabaId,
      value: {
        messaging_product: 'whatsapp',
        metadata: {
          display_phone_number: track.business.displayPhoneNumber,
          phone_number_id: track.business.phoneNumberId,
        },
        statuses: [status],
      },
    });
  }
}
