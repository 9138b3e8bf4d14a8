import { describe, expect, it } from 'vitest';
import { PairPace } from './pair-pace.js';

describe('PairPace', () => {
  it('allows a burst per customer, then one message per interval, each customer on its own', () => {
    const pace = new PairPace(3, 6000);
    expect([0, 0, 0].map(() => pace.take('a', 0))).toEqual([0, 0, 0]);
    expect(pace.take('a', 0)).toBe(6000);
    expect(pace.take('b', 0)).toBe(0);
    expect(pace.take('a', 3000)).toBe(3000);
    expect(pace.take('a', 6000)).toBe(0);
    expect(pace.take('a', 6000)).toBe(6000);
  });

  it('waits a full interval after the provider says 131056', () => {
    const pace = new PairPace(45, 6000);
    pace.exhausted('a', 1000);
    expect(pace.take('a', 1000)).toBe(6000);
    expect(pace.take('a', 7000)).toBe(0);
  });
});
