import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, type Jitter } from './backoff.js';

const jitters: Jitter[] = ['full', 'half', 'none'];

describe('backoffDelay', () => {
  it('doubles from the base up to the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((step) =>
      backoffDelay(step, { baseMs: 100, capMs: 1000, jitter: 'none' }),
    );
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads full jitter over [0, ceiling) and half jitter over [ceiling / 2, ceiling)', () => {
    const options = { baseMs: 100, capMs: 10_000 };
    expect(backoffDelay(2, { ...options, jitter: 'full', random: () => 0 })).toBe(0);
    expect(backoffDelay(2, { ...options, jitter: 'full', random: () => 0.999 })).toBe(399);
    expect(backoffDelay(2, { ...options, jitter: 'half', random: () => 0 })).toBe(200);
    expect(backoffDelay(2, { ...options, jitter: 'half', random: () => 0.999 })).toBe(399);
  });

  it('stays a whole number within its range, never above the cap, for any step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 7 * 24 * 3_600_000 }),
        fc.constantFrom(...jitters),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (step, baseMs, capMs, jitter, r) => {
          const delay = backoffDelay(step, { baseMs, capMs, jitter, random: () => r });
          const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(step, 0), 30));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeLessThanOrEqual(capMs);
          expect(delay).toBeLessThanOrEqual(ceiling);
          if (jitter === 'none') expect(delay).toBe(ceiling);
          if (jitter === 'half') expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('never shrinks as the step grows (for the same draw)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(...jitters),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (step, baseMs, jitter, r) => {
          const options = { baseMs, capMs: 3_600_000, jitter, random: () => r };
          expect(backoffDelay(step + 1, options)).toBeGreaterThanOrEqual(backoffDelay(step, options));
        },
      ),
    );
  });
});
