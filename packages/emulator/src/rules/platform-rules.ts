import type { WebhookError, WebhookPricing } from '@switchboard/whatsapp';
import { GraphError } from '../core/graph-error.js';
import type { ValidatedSend } from '../core/outbound-gate.js';
import type { Customer } from '../customers/customer-directory.js';
import { webhookError } from '../webhooks/webhook-error.js';
import type { CustomerServiceWindows } from './customer-service-window.js';
import type { PairRateLimiter } from './pair-rate-limiter.js';
import { pricingOf, type PricingCategory } from './pricing.js';
import type { ThroughputLimiter } from './throughput-limiter.js';

/** The platform's verdict on one send. */
export type SendVerdict =
  | { readonly ok: false; readonly error: GraphError }
  | {
      readonly ok: true;
      readonly customer: Customer | undefined;
      /** Reported asynchronously in a `failed` status after the 200. */
      readonly failure: WebhookError | undefined;
      readonly pricing: WebhookPricing;
      readonly freeEntryPoint: boolean;
    };

export interface PlatformRulesOptions {
  readonly throughput: ThroughputLimiter;
  readonly pairRate: PairRateLimiter;
  readonly windows: CustomerServiceWindows;
  /** The customer a send reaches, or undefined when the number is not on WhatsApp. */
  readonly reach: (waId: string) => Customer | undefined;
  readonly templateCategory: (send: ValidatedSend) => PricingCategory | undefined;
}

/**
 * WhatsApp's rules for a business send (docs/whatsapp-cloud-api.md §7.2, §8), in the order the
 * platform applies them:
 * - synchronous, nothing sent: throughput per number (130429), then the pair rate to one
 *   customer (131056). A refused send consumes no quota.
 * - asynchronous, 200 then a `failed` status: an unreachable number (131026), then a free-form
 *   message outside the 24-hour customer service window (131047). Templates are always allowed.
 */
export class PlatformRules {
  constructor(private readonly o: PlatformRulesOptions) {}

  judge(send: ValidatedSend): SendVerdict {
    if (!this.o.throughput.hasRoom(send.phoneNumberId)) {
      return { ok: false, error: new GraphError(130429, 'Cloud API message throughput has been reached.') };
    }
    if (!this.o.pairRate.tryTake(send.phoneNumberId, send.waId)) {
      return {
        ok: false,
        error: new GraphError(
          131056,
          'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
        ),
      };
    }
    this.o.throughput.tryTake(send.phoneNumberId);
    const customer = this.o.reach(send.waId);
    const windowOpen = this.o.windows.isOpen(send.phoneNumberId, send.waId);
    const isTemplate = send.type === 'template';
    const freeEntryPoint = this.o.windows.freeEntryPointExpiresAt(send.phoneNumberId, send.waId) !== null;
    let failure: WebhookError | undefined;
    if (!customer || customer.undeliverable) {
      failure = webhookError(
        131026,
        'Message Undeliverable: the recipient is not a WhatsApp user, uses an old app version, has not accepted the latest terms, or has blocked this business.',
      );
    } else if (!isTemplate && !windowOpen) {
      failure = webhookError(
        131047,
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      );
    }
    const pricing = pricingOf({
      isTemplate,
      templateCategory: isTemplate ? this.o.templateCategory(send) : undefined,
      windowOpen,
      freeEntryPoint,
    });
    return { ok: true, customer, failure, pricing, freeEntryPoint };
  }
}
