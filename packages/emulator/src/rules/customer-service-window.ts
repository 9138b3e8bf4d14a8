import { CUSTOMER_SERVICE_WINDOW_MS, FREE_ENTRY_POINT_WINDOW_MS } from '@switchboard/whatsapp';
import type { Clock } from '../core/clock.js';

/**
 * The customer service window per (business number, customer): 24 hours from the customer's last
 * message, opened or refreshed by each one. Inside it the business may send anything; outside only
 * templates (docs/whatsapp-cloud-api.md §8). A message that came from a Click-to-WhatsApp ad
 * (`referral`) also opens the 72-hour free entry point window, which only changes pricing.
 */
export class CustomerServiceWindows {
  readonly #lastMessageAt = new Map<string, number>();
  readonly #entryPointAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = CUSTOMER_SERVICE_WINDOW_MS,
  ) {}

  /** The customer just sent a message. */
  refresh(phoneNumberId: string, waId: string, options: { fromAd?: boolean } = {}): void {
    const now = this.clock.now();
    this.#lastMessageAt.set(key(phoneNumberId, waId), now);
    if (options.fromAd) this.#entryPointAt.set(key(phoneNumberId, waId), now);
  }

  /** When the window closes, or null when it is closed (or was never opened). */
  expiresAt(phoneNumberId: string, waId: string): number | null {
    const last = this.#lastMessageAt.get(key(phoneNumberId, waId));
    if (last === undefined) return null;
    const expires = last + this.windowMs;
    return expires > this.clock.now() ? expires : null;
  }

  isOpen(phoneNumberId: string, waId: string): boolean {
    return this.expiresAt(phoneNumberId, waId) !== null;
  }

  /** When the free entry point window closes, or null when none is open. */
  freeEntryPointExpiresAt(phoneNumberId: string, waId: string): number | null {
    const at = this.#entryPointAt.get(key(phoneNumberId, waId));
    if (at === undefined) return null;
    const expires = at + FREE_ENTRY_POINT_WINDOW_MS;
    return expires > this.clock.now() ? expires : null;
  }

  clear(): void {
    this.#lastMessageAt.clear();
    this.#entryPointAt.clear();
  }
}

function key(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}
