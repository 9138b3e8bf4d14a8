import type { Clock, TimerHandle } from '../core/clock.js';
import type { GraphError } from '../core/graph-error.js';
import type { GateResult, OutboundGate, ValidatedSend } from '../core/outbound-gate.js';
import type { BusinessMessages } from '../customers/business-messages.js';
import type { BusinessNumber } from '../customers/business-numbers.js';
import type { BusinessReads } from '../customers/business-reads.js';
import type { FaultController } from '../faults/fault-controller.js';
import type { Random } from '../faults/prng.js';
import { drawSendFault, timeoutError } from '../faults/send-fault.js';
import type { PlatformRules } from './platform-rules.js';

export interface PlatformGateOptions {
  readonly clock: Clock;
  readonly faults: FaultController;
  readonly random: Random;
  readonly rules: PlatformRules;
  readonly messages: BusinessMessages;
  readonly reads: BusinessReads;
  readonly businessNumber: (phoneNumberId: string) => BusinessNumber | undefined;
}

/**
 * The emulator's {@link OutboundGate}: injected faults first (a 5xx or a timeout happen "in the
 * network", before WhatsApp judges the message), then the platform rules, then the customer's
 * side. The decision is taken synchronously when the request arrives, so sends are accepted in
 * call order; latency and timeouts only delay the answer. The `sent` webhook can therefore reach
 * the app before the HTTP response does, as it can with Meta.
 */
export class PlatformGate implements OutboundGate {
  readonly #o: PlatformGateOptions;
  readonly #held = new Map<TimerHandle, { result: GateResult; resolve: (r: GateResult) => void }>();

  constructor(options: PlatformGateOptions) {
    this.#o = options;
  }

  accept(send: ValidatedSend): Promise<GateResult> {
    const plan = this.#o.faults.plan;
    const fault = drawSendFault(plan, this.#o.random);
    if (fault.kind === 'error') return this.#answer(fail(fault.error), plan.sendLatencyMs);
    if (fault.kind === 'timeout') {
      // The ambiguous attempt: the message may go out while the caller has already given up.
      const result = plan.acceptOnTimeout ? this.#decide(send) : fail(timeoutError());
      return this.#answer(result, plan.timeoutMs + plan.sendLatencyMs);
    }
    return this.#answer(this.#decide(send), plan.sendLatencyMs);
  }

  markRead(input: { phoneNumberId: string; messageId: string; typing: boolean }): GraphError | undefined {
    return this.#o.reads.markRead(input);
  }

  /** Answers every held response at once (on close, so no request hangs on a stopped clock). */
  releaseHeld(): void {
    for (const [handle, held] of this.#held) {
      this.#o.clock.clearTimeout(handle);
      held.resolve(held.result);
    }
    this.#held.clear();
  }

  #decide(send: ValidatedSend): GateResult {
    const business = this.#o.businessNumber(send.phoneNumberId);
    if (!business) throw new Error(`the gate got a send from unknown number ${send.phoneNumberId}`);
    const verdict = this.#o.rules.judge(send);
    if (!verdict.ok) return fail(verdict.error);
    const wamid = this.#o.messages.record({
      send,
      business,
      customer: verdict.customer,
      failure: verdict.failure,
      pricing: verdict.pricing,
      freeEntryPoint: verdict.freeEntryPoint,
    });
    return send.type === 'template' ? { ok: true, wamid, messageStatus: 'accepted' } : { ok: true, wamid };
  }

  #answer(result: GateResult, delayMs: number): Promise<GateResult> {
    if (delayMs <= 0) return Promise.resolve(result);
    return new Promise((resolve) => {
      const handle = this.#o.clock.setTimeout(() => {
        this.#held.delete(handle);
        resolve(result);
      }, delayMs);
      this.#held.set(handle, { result, resolve });
    });
  }
}

function fail(error: GraphError): GateResult {
  return { ok: false, error };
}
