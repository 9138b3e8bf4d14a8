import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter.js';

describe('RateMeter', () => {
  it('counts the events of the last window, per second', () => {
    const meter = new RateMeter(1000, 10, 0);
    for (let at = 0; at < 1000; at += 10) meter.record(at);
    expect(meter.perSecond(999)).toBe(100);
    // Half a window later, the older half has left it.
    expect(meter.perSecond(1499)).toBe(50);
    expect(meter.perSecond(5000)).toBe(0);
  });

  it('scales a shorter window to a rate per second', () => {
    const meter = new RateMeter(200, 4, 0);
    meter.record(10, 30);
    expect(meter.perSecond(20)).toBe(150);
  });

  it('never counts more than was recorded in the window, nor forgets what was', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 200 }), (gaps) => {
        const meter = new RateMeter(1000, 10, 0);
        const times: number[] = [];
        let at = 0;
        for (const gap of gaps) {
          at += gap;
          meter.record(at);
          times.push(at);
        }
        const counted = meter.perSecond(at);
        // Slots are 100 ms: everything of the last 900 ms is in, nothing older than 1,000 ms.
        expect(counted).toBeGreaterThanOrEqual(times.filter((t) => t > at - 900).length);
        expect(counted).toBeLessThanOrEqual(times.filter((t) => t > at - 1000).length);
      }),
    );
  });
});
