import type { SimulatedCustomerOptions } from '../core/emulator-options.js';
import type { EmulatorChange } from '../customers/change-feed.js';
import type { CustomerView } from '../customers/customer-directory.js';
import type { CustomerMessageInput } from '../customers/customer-message-input.js';
import type { CustomerMessageResult } from '../customers/customer-messages.js';
import type { ThreadItem } from '../customers/thread-item.js';
import type { FaultPlan, FaultPlanPatch } from '../faults/fault-plan.js';
import type { DeliveryState, WebhookDeliveryView } from '../webhooks/webhook-delivery.js';

export interface BusinessNumberView {
  readonly phoneNumberId: string;
  readonly displayPhoneNumber: string;
  readonly verifiedName: string;
  readonly wabaId: string;
}

/** `GET /_control/state`. */
export interface EmulatorState {
  readonly businessNumbers: readonly BusinessNumberView[];
  readonly customers: readonly CustomerView[];
  readonly faults: FaultPlan;
}

/** `GET /_control/customers/:waId/thread`. */
export interface ThreadView {
  readonly customer: { readonly waId: string; readonly name: string };
  readonly phoneNumberId: string;
  /** When the customer service window closes (ms), or null when it is closed. */
  readonly windowExpiresAt: number | null;
  /** Whether the customer sees the business typing. */
  readonly typing: boolean;
  readonly items: readonly ThreadItem[];
}

/**
 * What the control API drives: the emulator's programmatic API (an `Emulator` satisfies it).
 * Methods throw `EmulatorInputError` (with its HTTP status) for requests they cannot carry out.
 */
export interface ControlTarget {
  state(): EmulatorState;
  addCustomer(input: SimulatedCustomerOptions): CustomerView;
  thread(waId: string, phoneNumberId?: string): ThreadView;
  customerSends(waId: string, message: CustomerMessageInput): CustomerMessageResult;
  customerReads(waId: string, options?: { phoneNumberId?: string }): { read: number };
  faults(): FaultPlan;
  setFaults(patch: FaultPlanPatch): FaultPlan;
  webhooks(filter?: { state?: DeliveryState }): WebhookDeliveryView[];
  releaseWebhooks(): number;
  reset(): void;
  subscribe(listener: (change: EmulatorChange) => void): () => void;
  /** Called when the emulator closes, so open streams can end. */
  onClose(listener: () => void): () => void;
}
