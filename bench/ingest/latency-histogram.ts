/**
 * A log-linear latency histogram in the spirit of HdrHistogram: exact below 128 µs, then 64
 * sub-buckets per power of two (under 1.6 % relative error). It keeps memory constant however long
 * the run is, where an array of every sample would grow with the request rate.
 */
export class LatencyHistogram {
  // 24 doublings above 128 µs reach 2^31 µs (about 36 minutes), far past any request timeout.
  private readonly counts = new Float64Array(128 + 24 * 64);
  private total = 0;
  private sumMicros = 0;
  private maxMicros = 0;

  record(micros: number): void {
    const value = Math.min(Math.max(0, Math.round(micros)), 0x7fffffff);
    this.counts[bucketOf(value)]! += 1;
    this.total += 1;
    this.sumMicros += value;
    if (value > this.maxMicros) this.maxMicros = value;
  }

  get count(): number {
    return this.total;
  }

  /** The latency at percentile `p` (0–100) in milliseconds, or 0 when nothing was recorded. */
  percentileMs(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i += 1) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(midpointOf(i), this.maxMicros) / 1000;
    }
    return this.maxMicros / 1000;
  }

  summary(): LatencySummary {
    return {
      samples: this.total,
      meanMs: this.total === 0 ? 0 : this.sumMicros / this.total / 1000,
      p50Ms: this.percentileMs(50),
      p90Ms: this.percentileMs(90),
      p99Ms: this.percentileMs(99),
      maxMs: this.maxMicros / 1000,
    };
  }
}

export interface LatencySummary {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

function bucketOf(value: number): number {
  if (value < 128) return value;
  const shift = 31 - Math.clz32(value) - 6;
  return 128 + (shift - 1) * 64 + ((value >> shift) - 64);
}

function midpointOf(bucket: number): number {
  if (bucket < 128) return bucket;
  const shift = Math.floor((bucket - 128) / 64) + 1;
  const mantissa = ((bucket - 128) % 64) + 64;
  return (mantissa << shift) + ((1 << shift) - 1) / 2;
}
