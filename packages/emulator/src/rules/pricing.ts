import type { WebhookPricing } from '@switchboard/whatsapp';

export type PricingCategory = 'marketing' | 'utility' | 'authentication' | 'service';

/**
 * How a message is priced under per-message pricing (PMP, since July 2025;
 * docs/whatsapp-cloud-api.md §4): free-form replies inside the customer service window are free
 * `service` messages; utility templates inside the window are free too; messages inside a free
 * entry point window are free; other templates are billed in their category.
 */
export function pricingOf(input: {
  isTemplate: boolean;
  templateCategory: PricingCategory | undefined;
  windowOpen: boolean;
  freeEntryPoint: boolean;
}): WebhookPricing {
  const category: PricingCategory = input.isTemplate ? (input.templateCategory ?? 'utility') : 'service';
  if (input.freeEntryPoint) return pricing(false, 'free_entry_point', category);
  if (!input.isTemplate) return pricing(false, 'free_customer_service', category);
  if (category === 'utility' && input.windowOpen) return pricing(false, 'free_customer_service', category);
  return pricing(true, 'regular', category);
}

function pricing(billable: boolean, type: WebhookPricing['type'], category: PricingCategory): WebhookPricing {
  return { billable, pricing_model: 'PMP', type, category };
}

/** Maps a template's category (`MARKETING`, …) to the lower-case pricing category. */
export function templatePricingCategory(category: string | undefined): PricingCategory | undefined {
  const lower = category?.toLowerCase();
  return lower === 'marketing' || lower === 'utility' || lower === 'authentication' ? lower : undefined;
}
