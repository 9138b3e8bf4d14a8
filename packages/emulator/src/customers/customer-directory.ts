import type { SimulatedCustomerOptions } from '../core/emulator-options.js';
import { businessScopedUserId } from './business-scoped-user-id.js';

/** A simulated WhatsApp user. */
export interface Customer {
  readonly waId: string;
  readonly name: string;
  /** Sends to this customer fail with 131026 after the 200. */
  readonly undeliverable: boolean;
  /** Business-scoped user id, sent as `contacts[].user_id`. */
  readonly userId: string;
}

/** What the control API shows of a customer. */
export interface CustomerView {
  readonly waId: string;
  readonly name: string;
  readonly undeliverable: boolean;
}

/** A wa_id: country code and number, digits only (E.164 without "+": at most 15 digits). */
const WA_ID = /^[1-9]\d{6,14}$/;

export function isWellFormedWaId(waId: string): boolean {
  return WA_ID.test(waId);
}

/**
 * The simulated customers. Configured ones come from options or the control API; when any number
 * is reachable (the default), a send to another well-formed number creates a customer for it, as
 * any phone on WhatsApp could receive it. Otherwise unknown numbers are not on WhatsApp (131026).
 */
export class CustomerDirectory {
  readonly #customers = new Map<string, Customer>();

  constructor(
    initial: readonly SimulatedCustomerOptions[],
    private readonly anyNumberReachable: boolean,
    private readonly onChange: () => void,
  ) {
    for (const c of initial) this.#put(c);
  }

  list(): Customer[] {
    return [...this.#customers.values()];
  }

  get(waId: string): Customer | undefined {
    return this.#customers.get(waId);
  }

  /** Adds or replaces a customer. Throws on a malformed wa_id. */
  upsert(input: SimulatedCustomerOptions): Customer {
    const customer = this.#put(input);
    this.onChange();
    return customer;
  }

  /** The customer a business send to `waId` reaches, or undefined when nobody uses that number. */
  reach(waId: string): Customer | undefined {
    const known = this.#customers.get(waId);
    if (known || !this.anyNumberReachable || !isWellFormedWaId(waId)) return known;
    return this.upsert({ waId, name: `Customer ${waId.slice(-4)}` });
  }

  #put(input: SimulatedCustomerOptions): Customer {
    if (!isWellFormedWaId(input.waId)) {
      throw new RangeError(`"${input.waId}" is not a wa_id (country code and number, 7–15 digits)`);
    }
    const customer: Customer = Object.freeze({
      waId: input.waId,
      name: input.name,
      undeliverable: input.undeliverable ?? false,
      userId: businessScopedUserId(input.waId),
    });
    this.#customers.set(input.waId, customer);
    return customer;
  }
}

export function customerView(c: Customer): CustomerView {
  return { waId: c.waId, name: c.name, undeliverable: c.undeliverable };
}
