import { GraphError } from '../core/graph-error.js';
import type { FaultPlan } from './fault-plan.js';
import { chance, type Random } from './prng.js';

/** What the fault plan does to one send request, decided when it arrives. */
export type SendFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly error: GraphError }
  | { readonly kind: 'timeout' };

/**
 * Draws the fault for one send. Server errors come as Meta's transient 5xx codes: 131000
 * "Something went wrong" (HTTP 500) or 2 "API Service" (HTTP 503); both are retryable, which is
 * what a sender's retry logic has to cope with.
 */
export function drawSendFault(plan: FaultPlan, random: Random): SendFault {
  if (chance(random, plan.sendErrorRate)) {
    const error =
      random.next() < 0.5
        ? new GraphError(131000, 'An unknown error occurred (injected fault).', { httpStatus: 500 })
        : new GraphError(2, 'Service temporarily unavailable (injected fault).', { httpStatus: 503 });
    return { kind: 'error', error };
  }
  if (chance(random, plan.sendTimeoutRate)) return { kind: 'timeout' };
  return { kind: 'none' };
}

/** The late answer of a timed-out send that was not accepted. */
export function timeoutError(): GraphError {
  return new GraphError(131000, 'The request timed out before the message was sent (injected fault).', {
    httpStatus: 500,
  });
}
