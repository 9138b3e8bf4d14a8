import type { LatencySummary } from './latency-histogram.js';

/** What the parent sends the load generator over IPC (one message, then it waits for the result). */
export interface LoadConfig {
  /** Always a loopback port: the generator refuses any other host. */
  port: number;
  path: string;
  appSecret: string;
  /** Distinguishes wamids of this run from any earlier run against the same database. */
  runTag: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** A request slower than this counts as a transport error. */
  requestTimeoutMs: number;
  /** A hard cap on POSTs per run, so a broken clock can never make the loop unbounded. */
  maxRequests: number;
}

/** Counts over the whole run, warm-up included: what the target should have stored. */
export interface LoadTotals {
  sent: number;
  ok: number;
  non200: number;
  transportErrors: number;
  /** Inbound messages and statuses carried by the POSTs answered 200. */
  messagesAccepted: number;
  statusesAccepted: number;
  /** Status code → count, for everything but 200. */
  failureCodes: Record<string, number>;
}

/** Requests completed inside the measurement window (after warm-up). */
export interface LoadWindow {
  elapsedMs: number;
  completed: number;
  ok: number;
  non200: number;
  transportErrors: number;
  latency: LatencySummary;
  /** CPU the generator itself used, as a share of one core: near 100 means it may be the bottleneck. */
  generatorCpuPercent: number;
}

/** Sent when measurement starts and when it stops, so the parent can sample the target's CPU. */
export interface LoadPhase {
  type: 'phase';
  phase: 'measuring' | 'stopped';
}

export interface LoadResult {
  type: 'result';
  window: LoadWindow;
  totals: LoadTotals;
}
