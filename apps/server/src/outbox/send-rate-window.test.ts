import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendRateWindow } from './send-rate-window.js';

describe('SendRateWindow', () => {
  it('never lets more than the limit land in any provider second, whatever the delays (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 120 }),
            transit: fc.integer({ min: 0, max: 900 }),
            landsAt: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        (limit, sends) => {
          const window = new SendRateWindow(limit);
          // Each send lands at the provider somewhere between its start and its answer.
          const landed: number[] = [];
          const open: { answerAt: number }[] = [];
          let now = 0;
          for (const send of sends) {
            now += send.gap;
            for (const o of open.filter((x) => x.answerAt <= now).sort((a, b) => a.answerAt - b.answerAt)) {
              window.release(o.answerAt);
              open.splice(open.indexOf(o), 1);
            }
            if (window.take(now) !== 0) continue;
            // The provider sees the send anywhere between its start and its answer.
            landed.push(now + Math.floor(send.transit * send.landsAt));
            open.push({ answerAt: now + send.transit });
          }
          landed.sort((a, b) => a - b);
          for (let i = 0; i < landed.length; i++) {
            const inSecond = landed.filter((t) => t >= landed[i]! && t < landed[i]! + 1000).length;
            expect(inSecond).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches the limit when answers are quick, and pauses on request', () => {
    const window = new SendRateWindow(3);
    for (let i = 0; i < 3; i++) {
      expect(window.take(0)).toBe(0);
      window.release(1);
    }
    expect(window.take(2)).toBe(999);
    expect(window.take(1001)).toBe(0);
    window.pause(5000);
    expect(window.take(1500)).toBe(3500);
  });
});
