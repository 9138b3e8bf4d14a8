import { z } from 'zod';

/**
 * The faults the emulator injects, set by options at creation and changed at runtime
 * (`PUT /_control/faults`, `emulator.setFaults`). Rates are probabilities in [0, 1] drawn from the
 * seeded PRNG. The default plan injects nothing.
 */
export interface FaultPlan {
  /** Added to every `POST /{phone-number-id}/messages` response (ms of the emulator's clock). */
  readonly sendLatencyMs: number;
  /** Share of sends answered with a 5xx Graph error (131000 or 2) and not accepted. */
  readonly sendErrorRate: number;
  /** Share of sends whose response is held for `timeoutMs`, past a client's patience. */
  readonly sendTimeoutRate: number;
  /** How long a timed-out send holds its response. */
  readonly timeoutMs: number;
  /**
   * Whether a timed-out send was nevertheless accepted (the customer gets it, statuses follow, the
   * late response carries the wamid): the ambiguous attempt a sender must de-duplicate. When
   * false, the late response is a 500 and nothing was sent.
   */
  readonly acceptOnTimeout: boolean;
  /** Share of webhook deliveries POSTed twice (Meta documents duplicates; receivers de-duplicate). */
  readonly duplicateRate: number;
  /** Events merged into one POST (several changes, messages or statuses); 1 disables batching. */
  readonly batchSize: number;
  /** How long a batch waits for more events before it is sent anyway. */
  readonly batchWindowMs: number;
  /** Statuses of one message are held and delivered shuffled (e.g. `read` before `delivered`). */
  readonly outOfOrder: boolean;
  /** The `delivered` webhook is not sent (as when a message is read on arrival); `read` still is. */
  readonly skipDelivered: boolean;
  /** New webhooks are held (state `withheld`) until released; turning this off releases them. */
  readonly withholdWebhooks: boolean;
}

export const defaultFaultPlan: FaultPlan = Object.freeze({
  sendLatencyMs: 0,
  sendErrorRate: 0,
  sendTimeoutRate: 0,
  timeoutMs: 30_000,
  acceptOnTimeout: true,
  duplicateRate: 0,
  batchSize: 1,
  batchWindowMs: 50,
  outOfOrder: false,
  skipDelivered: false,
  withholdWebhooks: false,
});

const rate = z.number().min(0).max(1);
const ms = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 60 * 60 * 1000);

/** A partial plan as accepted by options and `PUT /_control/faults`; unknown keys are rejected. */
export const faultPlanPatchSchema = z
  .object({
    sendLatencyMs: ms,
    sendErrorRate: rate,
    sendTimeoutRate: rate,
    timeoutMs: ms,
    acceptOnTimeout: z.boolean(),
    duplicateRate: rate,
    batchSize: z.number().int().min(1).max(1000),
    batchWindowMs: ms,
    outOfOrder: z.boolean(),
    skipDelivered: z.boolean(),
    withholdWebhooks: z.boolean(),
  })
  .partial()
  .strict();

export type FaultPlanPatch = z.infer<typeof faultPlanPatchSchema>;
