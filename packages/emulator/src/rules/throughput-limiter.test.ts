import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { ThroughputLimiter } from './throughput-limiter.js';

describe('ThroughputLimiter', () => {
  it('never lets any one-second interval hold more than the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }),
        (limit, gaps) => {
          const clock = new ManualClock(0);
          const limiter = new ThroughputLimiter(clock, () => limit);
          const accepted: number[] = [];
          for (const gap of gaps) {
            clock.advance(gap);
            if (limiter.tryTake('n')) accepted.push(clock.now());
          }
          for (let i = 0; i < accepted.length; i++) {
            const inWindow = accepted.filter((t) => t >= accepted[i]! && t < accepted[i]! + 1000).length;
            expect(inWindow).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });

  it('keeps numbers apart and frees a slot exactly one second later', () => {
    const clock = new ManualClock(0);
    const limiter = new ThroughputLimiter(clock, () => 1);
    expect(limiter.tryTake('a')).toBe(true);
    expect(limiter.tryTake('b')).toBe(true);
    expect(limiter.hasRoom('a')).toBe(false);
    clock.advance(999);
    expect(limiter.tryTake('a')).toBe(false);
    clock.advance(1);
    expect(limiter.tryTake('a')).toBe(true);
  });
});
