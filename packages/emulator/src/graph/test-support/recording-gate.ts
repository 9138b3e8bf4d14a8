import { randomBytes } from 'node:crypto';
import { GraphError } from '../../core/graph-error.js';
import type { GateResult, OutboundGate, ValidatedSend } from '../../core/outbound-gate.js';

/**
 * An OutboundGate for the Graph routes' tests: records what it is handed and accepts everything,
 * unless told to answer the next send with an error. Mark-as-read knows only the message ids a
 * test declares as received from customers.
 */
export class RecordingGate implements OutboundGate {
  readonly sends: ValidatedSend[] = [];
  readonly reads: { phoneNumberId: string; messageId: string; typing: boolean }[] = [];
  readonly inboundMessageIds = new Set<string>();
  #nextResult: GateResult | undefined;

  /** Makes the next `accept` answer this result instead of accepting. */
  answerNext(result: GateResult): void {
    this.#nextResult = result;
  }

  async accept(send: ValidatedSend): Promise<GateResult> {
    const next = this.#nextResult;
    this.#nextResult = undefined;
    if (next) return next;
    this.sends.push(send);
    return { ok: true, wamid: `wamid.${randomBytes(24).toString('base64')}` };
  }

  markRead(input: { phoneNumberId: string; messageId: string; typing: boolean }): GraphError | undefined {
    if (!this.inboundMessageIds.has(input.messageId)) {
      return new GraphError(131009, `Message ${input.messageId} was not received by this number.`);
    }
    this.reads.push(input);
    return undefined;
  }
}
