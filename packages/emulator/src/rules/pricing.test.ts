import { describe, expect, it } from 'vitest';
import { pricingOf, templatePricingCategory } from './pricing.js';

describe('pricingOf', () => {
  const base = { isTemplate: false, templateCategory: undefined, windowOpen: true, freeEntryPoint: false };
  it('prices free-form replies as free service messages', () => {
    expect(pricingOf(base)).toEqual({
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    });
  });
  it('bills marketing templates always and utility templates only outside the window', () => {
    const marketing = { ...base, isTemplate: true, templateCategory: 'marketing' as const };
    expect(pricingOf(marketing)).toMatchObject({ billable: true, type: 'regular', category: 'marketing' });
    const utility = { ...base, isTemplate: true, templateCategory: 'utility' as const };
    expect(pricingOf(utility)).toMatchObject({ billable: false, type: 'free_customer_service' });
    expect(pricingOf({ ...utility, windowOpen: false })).toMatchObject({ billable: true, type: 'regular' });
  });
  it('makes everything free in a free entry point window', () => {
    expect(
      pricingOf({ ...base, isTemplate: true, templateCategory: 'marketing', freeEntryPoint: true }),
    ).toMatchObject({
      billable: false,
      type: 'free_entry_point',
      category: 'marketing',
    });
  });
  it('maps template categories', () => {
    expect(templatePricingCategory('AUTHENTICATION')).toBe('authentication');
    expect(templatePricingCategory('OTHER')).toBeUndefined();
  });
});
