import type { Clock, TimerHandle } from '../core/clock.js';
import type { PostWebhook } from './post-webhook.js';
import type { WebhookDelivery } from './webhook-delivery.js';

export interface DeliveryQueueOptions {
  readonly clock: Clock;
  readonly url: string | (() => string);
  readonly post: PostWebhook;
  /** Delay before attempt n+1 after attempt n failed; the delivery fails when it runs out. */
  readonly retryScheduleMs: readonly number[];
  /** How long one attempt may take (wall clock) before it counts as failed. */
  readonly attemptTimeoutMs: number;
  /**
   * Deliveries in flight at once. 1 keeps the target's order strictly: a delivery waiting for its
   * retry holds back the ones behind it. Above 1 (the emulator's default) they go out concurrently
   * and a failing one is retried on its own, as Meta does ("Meta sends webhooks concurrently").
   */
  readonly concurrency: number;
  readonly headers: Record<string, string>;
  readonly onChange?: () => void;
  readonly onError?: (message: string) => void;
  /** Called by `stop()` after aborting the requests in flight (e.g. to close idle connections). */
  readonly onStop?: () => void;
}

/**
 * POSTs webhook deliveries to the app and retries every answer other than 200 (Meta's rule) on
 * the retry schedule, timed by the emulator's clock. Never throws: failures are recorded as
 * attempts on the delivery.
 */
export class DeliveryQueue {
  readonly #o: DeliveryQueueOptions;
  #queue: WebhookDelivery[] = [];
  readonly #inFlight = new Set<WebhookDelivery>();
  readonly #aborts = new Set<AbortController>();
  #timer: { handle: TimerHandle; at: number } | undefined;
  #running = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: DeliveryQueueOptions) {
    this.#o = options;
  }

  #url(): string {
    const { url } = this.#o;
    return typeof url === 'function' ? url() : url;
  }

  enqueue(delivery: WebhookDelivery): void {
    delivery.state = 'pending';
    delivery.nextAttemptAt ??= this.#o.clock.now();
    this.#queue.push(delivery);
    this.#pump();
  }

  start(): void {
    this.#running = true;
    this.#pump();
  }

  /** Stops attempts and aborts the requests in flight (they are recorded as failed attempts). */
  stop(): void {
    this.#running = false;
    this.#clearTimer();
    for (const abort of this.#aborts) abort.abort(new Error('emulator closed'));
    this.#o.onStop?.();
    this.#resolveIdle();
  }

  /** Forgets every queued delivery (reset); requests in flight finish but are not retried. */
  clear(): void {
    this.#queue = [];
    this.#clearTimer();
    this.#resolveIdle();
  }

  /**
   * Resolves once nothing is in flight and nothing is due now (deliveries waiting for a later
   * retry do not count): lets tests await delivery without sleeping.
   */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #isIdle(): boolean {
    if (!this.#running) return true;
    const now = this.#o.clock.now();
    // In strict order only the head can go; the ones behind it wait for it, not for the clock.
    const candidates = this.#o.concurrency <= 1 ? this.#queue.slice(0, 1) : this.#queue;
    return this.#inFlight.size === 0 && !candidates.some((d) => (d.nextAttemptAt ?? 0) <= now);
  }

  #resolveIdle(): void {
    if (!this.#isIdle() && this.#running) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #pump(): void {
    if (!this.#running) return;
    const now = this.#o.clock.now();
    const ordered = this.#o.concurrency <= 1;
    let nextDue = Infinity;
    for (const delivery of this.#queue) {
      if (this.#inFlight.size >= this.#o.concurrency) break;
      if (this.#inFlight.has(delivery)) {
        if (ordered) break;
        continue;
      }
      const due = delivery.nextAttemptAt ?? now;
      if (due <= now) {
        void this.#attempt(delivery);
      } else {
        nextDue = Math.min(nextDue, due);
        // In strict order nothing may overtake the head while it waits for its retry.
        if (ordered) break;
      }
    }
    this.#armTimer(nextDue);
    this.#resolveIdle();
  }

  #armTimer(at: number): void {
    if (at === Infinity) return;
    if (this.#timer && this.#timer.at <= at) return;
    this.#clearTimer();
    const handle = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, at - this.#o.clock.now());
    this.#timer = { handle, at };
  }

  #clearTimer(): void {
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    this.#inFlight.add(delivery);
    const abort = new AbortController();
    this.#aborts.add(abort);
    const at = this.#o.clock.now();
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    // One controller for both stop() and the timeout, and a timer cleared with the answer:
    // AbortSignal.any(…, AbortSignal.timeout(…)) kept a signal and a timer alive for the whole
    // timeout after every attempt (tens of thousands at benchmark rates; bench/emulator).
    const timeout = setTimeout(
      () => abort.abort(new DOMException('webhook attempt timed out', 'TimeoutError')),
      this.#o.attemptTimeoutMs,
    ).unref();
    try {
      const headers = { ...this.#o.headers, 'X-Hub-Signature-256': delivery.signature };
      const signal = abort.signal;
      ({ status } = await this.#o.post({ url: this.#url(), body: delivery.rawBody, headers, signal }));
    } catch (err) {
      error = describe(err);
    } finally {
      clearTimeout(timeout);
      this.#aborts.delete(abort);
      this.#inFlight.delete(delivery);
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    delivery.attempts.push({
      at,
      ...(status !== undefined && { status }),
      ...(error !== undefined && { error }),
      durationMs,
    });
    this.#settle(delivery, status === 200);
    this.#o.onChange?.();
    this.#pump();
  }

  #settle(delivery: WebhookDelivery, ok: boolean): void {
    if (!this.#queue.includes(delivery)) return; // cleared by a reset meanwhile
    if (ok) {
      delivery.state = 'delivered';
      delivery.deliveredAt = this.#o.clock.now();
      delivery.nextAttemptAt = undefined;
      this.#queue.splice(this.#queue.indexOf(delivery), 1);
      return;
    }
    const delay = this.#o.retryScheduleMs[delivery.attempts.length - 1];
    const last = delivery.attempts.at(-1);
    if (delay === undefined) {
      delivery.state = 'failed';
      delivery.nextAttemptAt = undefined;
      this.#queue.splice(this.#queue.indexOf(delivery), 1);
      this.#o.onError?.(`webhook ${delivery.id} gave up after ${delivery.attempts.length} attempts`);
      return;
    }
    delivery.nextAttemptAt = this.#o.clock.now() + delay;
    if (this.#running) {
      this.#o.onError?.(
        `webhook ${delivery.id} attempt ${delivery.attempts.length} failed (${last?.status ?? last?.error}); retry in ${delay} ms`,
      );
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${err.name === 'TimeoutError' ? 'timeout' : err.message}${detail}`;
  }
  return String(err);
}
