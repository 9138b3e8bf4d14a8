import { metaJsonStringify } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { FaultController } from '../faults/fault-controller.js';
import { chance, type Random } from '../faults/prng.js';
import { buildEnvelope } from './build-envelope.js';
import type { DeliveryQueue } from './delivery-queue.js';
import {
  deliveryView,
  type DeliveryState,
  type WebhookDelivery,
  type WebhookDeliveryView,
} from './webhook-delivery.js';
import type { WebhookEvent, WebhookSink } from './webhook-event.js';

export interface WebhookDispatcherOptions {
  readonly clock: Clock;
  readonly appSecret: string;
  readonly faults: FaultController;
  readonly random: Random;
  /** Undefined when no webhook URL is configured: deliveries are only recorded. */
  readonly queue: DeliveryQueue | undefined;
  readonly onChange?: () => void;
  /**
   * Finished deliveries kept in the log (oldest dropped first), so a long benchmark run does not
   * grow without bound; withheld and pending ones are always kept.
   */
  readonly logLimit?: number;
  readonly onError?: (message: string) => void;
}

/**
 * Turns platform events into webhook deliveries: serialized as Meta does (`metaJsonStringify`,
 * non-ASCII escaped), signed over those exact bytes, and shaped by the fault plan: batched,
 * duplicated, or withheld until released. Keeps the delivery log.
 */
export class WebhookDispatcher implements WebhookSink {
  readonly #o: WebhookDispatcherOptions;
  #log: WebhookDelivery[] = [];
  #batch: { id: string; events: WebhookEvent[]; timer: TimerHandle | undefined } | undefined;
  #nextId = 1;

  constructor(options: WebhookDispatcherOptions) {
    this.#o = options;
    options.faults.onChange((plan, previous) => {
      if (previous.withholdWebhooks && !plan.withholdWebhooks) this.release();
      if (plan.batchSize <= 1) this.flush();
    });
  }

  emit(event: WebhookEvent): string {
    const plan = this.#o.faults.plan;
    if (plan.batchSize <= 1 && !this.#batch) return this.#deliver([event], this.#newId());
    if (!this.#batch) {
      const batch = {
        id: this.#newId(),
        events: [] as WebhookEvent[],
        timer: undefined as TimerHandle | undefined,
      };
      batch.timer = this.#o.clock.setTimeout(() => {
        try {
          this.flush();
        } catch (err) {
          this.#o.onError?.(`webhook batch ${batch.id} failed: ${String(err)}`);
        }
      }, plan.batchWindowMs);
      this.#batch = batch;
    }
    const batch = this.#batch;
    batch.events.push(event);
    if (batch.events.length >= plan.batchSize) this.flush();
    return batch.id;
  }

  /** Sends the open batch now, however small. */
  flush(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = undefined;
    if (batch.timer) this.#o.clock.clearTimeout(batch.timer);
    if (batch.events.length > 0) this.#deliver(batch.events, batch.id);
  }

  /** Queues every withheld delivery, oldest first; returns how many. */
  release(): number {
    const held = this.#log.filter((d) => d.state === 'withheld');
    for (const delivery of held) this.#queueOrRecord(delivery);
    if (held.length > 0) this.#o.onChange?.();
    return held.length;
  }

  list(state?: DeliveryState): WebhookDeliveryView[] {
    return this.#log.filter((d) => state === undefined || d.state === state).map(deliveryView);
  }

  get(id: string): WebhookDeliveryView | undefined {
    const delivery = this.#log.find((d) => d.id === id);
    return delivery && deliveryView(delivery);
  }

  /** Forgets the log, the open batch and the queue (reset). */
  clear(): void {
    if (this.#batch?.timer) this.#o.clock.clearTimeout(this.#batch.timer);
    this.#batch = undefined;
    this.#log = [];
    this.#o.queue?.clear();
  }

  #newId(): string {
    return `whk_${String(this.#nextId++).padStart(6, '0')}`;
  }

  #deliver(events: readonly WebhookEvent[], id: string): string {
    const plan = this.#o.faults.plan;
    const rawBody = metaJsonStringify(buildEnvelope(events));
    const signature = signMetaPayload(rawBody, this.#o.appSecret);
    const eventCount = events.reduce(
      (n, e) =>
        n + (e.value.messages?.length ?? 0) + (e.value.statuses?.length ?? 0) + (e.value.errors ? 1 : 0),
      0,
    );
    const copies = chance(this.#o.random, plan.duplicateRate) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const delivery: WebhookDelivery = {
        id: copy === 0 ? id : this.#newId(),
        createdAt: this.#o.clock.now(),
        state: 'withheld',
        rawBody,
        signature,
        eventCount,
        ...(copy > 0 && { duplicateOf: id }),
        attempts: [],
      };
      this.#log.push(delivery);
      if (!plan.withholdWebhooks) this.#queueOrRecord(delivery);
    }
    this.#trim();
    this.#o.onChange?.();
    return id;
  }

  #trim(): void {
    const limit = this.#o.logLimit ?? 10_000;
    // Trimming in steps of 10% keeps the cost amortized when every delivery goes past the limit.
    if (this.#log.length <= limit * 1.1) return;
    let excess = this.#log.length - limit;
    this.#log = this.#log.filter((d) => {
      if (excess > 0 && d.state !== 'pending' && d.state !== 'withheld') {
        excess--;
        return false;
      }
      return true;
    });
  }

  #queueOrRecord(delivery: WebhookDelivery): void {
    if (this.#o.queue) this.#o.queue.enqueue(delivery);
    else delivery.state = 'recorded';
  }
}
