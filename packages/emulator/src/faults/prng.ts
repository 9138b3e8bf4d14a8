/**
 * A seedable pseudo-random source (mulberry32). Every random choice the emulator makes about
 * faults (which send fails, which webhook is duplicated, how statuses are shuffled) draws from one
 * of these, so a test that fixes `seed` sees the same faults on every run.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** True with probability `rate` (0 never draws, so a plan without faults consumes no randomness). */
export function chance(random: Random, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return random.next() < rate;
}

/**
 * A shuffled copy of `items` that differs from the input whenever that is possible (two or more
 * distinct positions), so an "out of order" fault is always observable.
 */
export function shuffleDistinct<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  if (out.length < 2) return out;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  if (out.every((item, i) => item === items[i])) out.reverse();
  return out;
}
