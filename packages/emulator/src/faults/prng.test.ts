import { describe, expect, it } from 'vitest';
import { chance, createRandom, shuffleDistinct } from './prng.js';

describe('prng', () => {
  it('is deterministic per seed and within [0, 1)', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const draws = Array.from({ length: 100 }, () => a.next());
    expect(draws).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('chance draws nothing for 0 and 1', () => {
    const r = createRandom(3);
    expect(chance(r, 0)).toBe(false);
    expect(chance(r, 1)).toBe(true);
  });
  it('shuffleDistinct always changes the order of two or more items', () => {
    const r = createRandom(9);
    for (let i = 0; i < 50; i++) expect(shuffleDistinct(r, [1, 2])).toEqual([2, 1]);
    expect(shuffleDistinct(r, [1])).toEqual([1]);
  });
});
