/** Exact statistics over the emulator's accept times (ms) of one phase, sorted ascending. */

/** The most accepts in any one-second window [t, t + 1000), over every start t: no fixed buckets. */
export function maxInAnySecond(sortedMs: readonly number[]): number {
  let max = 0;
  let end = 0;
  for (let start = 0; start < sortedMs.length; start += 1) {
    while (end < sortedMs.length && sortedMs[end]! < sortedMs[start]! + 1000) end += 1;
    max = Math.max(max, end - start);
  }
  return max;
}

/**
 * How many of these accepts a provider enforcing `limit` per sliding second would have refused
 * (130429), judged as the emulator's ThroughputLimiter judges: a send fits when fewer than `limit`
 * accepted sends are newer than a second. Refused sends take no slot.
 */
export function refusedAtLimit(sortedMs: readonly number[], limit: number): number {
  const accepted: number[] = [];
  let head = 0;
  let refused = 0;
  for (const t of sortedMs) {
    while (head < accepted.length && accepted[head]! <= t - 1000) head += 1;
    if (accepted.length - head < limit) accepted.push(t);
    else refused += 1;
  }
  return refused;
}

/** Accepts per second within [fromMs, toMs). */
export function ratePerSecond(sortedMs: readonly number[], fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let count = 0;
  for (const t of sortedMs) if (t >= fromMs && t < toMs) count += 1;
  return (count / (toMs - fromMs)) * 1000;
}

export interface Percentiles {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Exact percentiles (nearest rank) of a sample, in its unit, rounded to 0.1. */
export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number =>
    sorted.length === 0 ? 0 : round1(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return {
    samples: sorted.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: sorted.length === 0 ? 0 : round1(sorted[sorted.length - 1]!),
  };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
