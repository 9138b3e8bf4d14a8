import type { Message, SendMessageBody } from '@switchboard/protocol';
import { fullJitterDelay } from '../connection/backoff.js';
import { isoNow, type Clock } from '../connection/clock.js';
import { SwitchboardError } from '../errors.js';
import { path, type Rest } from '../http/rest.js';
import { Listeners } from '../listeners.js';
import { optimisticMessage } from './optimistic-message.js';

/**
 * What `send()` returns at once.
 * @example
 * const { clientMessageId, done } = client.send(id, { type: 'text', text: { body: 'Hi' } });
 * done.then((message) => console.log(message.status), (error) => console.log(error.code));
 */
export interface SendHandle {
  /** The send's `Idempotency-Key`, and the `clientMessageId` of the message it becomes. */
  clientMessageId: string;
  /** The server's message once it took the send; rejects with a `SwitchboardError` when refused. */
  done: Promise<Message>;
}

interface PendingSend extends SendHandle {
  conversationId: string;
  body: SendMessageBody;
  /** What the views show until the server's message replaces it. */
  shown: Message;
  confirmed: boolean;
  attempt: number;
  /** Ends a backoff wait early (back online, client closed). */
  wake?: (() => void) | undefined;
  resolve(message: Message): void;
  reject(error: SwitchboardError): void;
}

/**
 * Optimistic sends. Each send is shown at once as `queued` and posted with its clientMessageId as
 * the `Idempotency-Key`, so a POST repeated after a lost answer returns the message the first one
 * created and WhatsApp gets it once. Network failures, 429 and 5xx are retried with backoff (at
 * once when the browser comes back online); a refusal (400, 403, 409 `window_closed`) marks the
 * message failed with the server's error, to be retried or discarded. The server's message
 * replaces the local one by clientMessageId, whichever of the POST's answer or its event comes first.
 */
export class SendQueue {
  readonly #sends = new Map<string, PendingSend>();
  /** Fires with a conversation id when its pending sends changed. */
  readonly changes = new Listeners<string>();
  readonly #rest: Rest;
  readonly #clock: Clock;
  readonly #random: () => number;
  #closed = false;

  constructor(rest: Rest, clock: Clock, random: () => number) {
    this.#rest = rest;
    this.#clock = clock;
    this.#random = random;
  }

  send(conversationId: string, body: SendMessageBody, clientMessageId: string): SendHandle {
    const existing = this.#sends.get(clientMessageId);
    if (existing) return { clientMessageId, done: existing.done };
    let settle!: Pick<PendingSend, 'resolve' | 'reject'>;
    const done = new Promise<Message>((resolve, reject) => (settle = { resolve, reject }));
    const shown = optimisticMessage(conversationId, body, clientMessageId, this.#clock.now());
    const send: PendingSend = {
      clientMessageId,
      conversationId,
      body,
      shown,
      confirmed: false,
      attempt: 0,
      done,
      ...settle,
    };
    // A caller that only looks at the views must not see an unhandled rejection.
    done.catch(() => {});
    this.#sends.set(clientMessageId, send);
    this.changes.emit(conversationId);
    void this.#post(send);
    return { clientMessageId, done };
  }

  /** Sends a locally failed message again, with the same key. */
  retry(clientMessageId: string): SendHandle | null {
    const send = this.#forget(clientMessageId);
    return send && this.send(send.conversationId, send.body, clientMessageId);
  }

  /** Forgets a locally failed message. */
  discard(clientMessageId: string): boolean {
    return this.#forget(clientMessageId) !== null;
  }

  /** The conversation's sends the server has not shown yet, in send order. */
  pending(conversationId: string): Message[] {
    return [...this.#sends.values()]
      .filter((send) => send.conversationId === conversationId && !send.confirmed)
      .map((send) => send.shown);
  }

  /** The server's message for a send (from the POST's answer or from an event). */
  confirm(message: Message): void {
    const key = message.clientMessageId;
    const send = key === null ? undefined : this.#sends.get(key);
    if (!send || send.conversationId !== message.conversationId || send.confirmed) return;
    send.confirmed = true;
    this.#sends.delete(send.clientMessageId);
    send.resolve(message);
    this.changes.emit(send.conversationId);
  }

  /** The network is back: posts waiting out a backoff go now. */
  wake(): void {
    for (const send of this.#sends.values()) send.wake?.();
  }

  close(): void {
    this.#closed = true;
    this.wake();
  }

  /** Removes a send that failed before the server took it; null when there is none. */
  #forget(clientMessageId: string): PendingSend | null {
    const send = this.#sends.get(clientMessageId);
    if (send?.shown.status !== 'failed') return null;
    this.#sends.delete(clientMessageId);
    this.changes.emit(send.conversationId);
    return send;
  }

  async #post(send: PendingSend): Promise<void> {
    while (!this.#closed && !send.confirmed) {
      try {
        const { message } = await this.#rest.post<{ message: Message }>(
          path`/v1/conversations/${send.conversationId}/messages`,
          send.body,
          { 'idempotency-key': send.clientMessageId },
        );
        return this.confirm(message);
      } catch (error) {
        const e =
          error instanceof SwitchboardError ? error : new SwitchboardError('network', String(error), true);
        if (!e.retryable || send.confirmed) return this.#fail(send, e);
        await this.#pause(send, e);
      }
    }
  }

  #pause(send: PendingSend, error: SwitchboardError): Promise<void> {
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    const delay = Math.max(
      fullJitterDelay(send.attempt++, this.#random, 500, 15_000),
      (retryAfter ?? 0) * 1000,
    );
    return new Promise((resolve) => {
      const handle = this.#clock.setTimeout(() => send.wake!(), delay);
      send.wake = () => {
        this.#clock.clearTimeout(handle);
        send.wake = undefined;
        resolve();
      };
    });
  }

  #fail(send: PendingSend, error: SwitchboardError): void {
    if (send.confirmed) return;
    const { code, message } = error;
    send.shown = {
      ...send.shown,
      status: 'failed',
      error: { code, title: code, message, details: null, retryable: false },
      updatedAt: isoNow(this.#clock),
    };
    this.changes.emit(send.conversationId);
    send.reject(error);
  }
}
