import type { LatencySummary } from '../ingest/latency-histogram.js';

/** Who produces the webhooks in one run: the emulator, or the plain signed-POST loop (baseline). */
export type SenderMode = 'emulator' | 'baseline';

/** What the parent sends the sender process once; it answers `ready`, then waits for `go`. */
export interface SenderConfig {
  type: 'config';
  mode: SenderMode;
  /** The receiver's webhook URL, always on 127.0.0.1. */
  url: string;
  appSecret: string;
  verifyToken: string;
  /** Webhook POSTs in flight at once (the emulator's `webhookConcurrency`). */
  concurrency: number;
  /** Open loop at this many messages per second; 0 means as fast as `window` allows. */
  rate: number;
  /** Most messages produced but not yet received, in the closed loop (`rate` 0). */
  window: number;
  /** Distinct simulated customers the messages rotate through. */
  customers: number;
}

/** Parent → sender. `progress` relays the receiver's count, which paces the closed loop. */
export type SenderCommand = { type: 'go' } | { type: 'stop' } | { type: 'progress'; received: number };

export interface SenderResult {
  type: 'result';
  /** Messages handed over (`customerSends` calls, or bodies queued by the baseline). */
  produced: number;
  /** POST attempts answered with anything but 200, or failed in transport. */
  failedAttempts: number;
  /** Deliveries given up (emulator: retry schedule exhausted; baseline: every failed POST). */
  failedDeliveries: number;
  /** Most messages produced but not yet received at any moment: how far delivery fell behind. */
  maxBacklog: number;
  /** Whether everything produced was received after `stop` (within the drain timeout). */
  drained: boolean;
  drainMs: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Heap kept (after a full GC) at the end of the run minus at its start. */
  retainedHeapGrowthMb: number;
  /** The same per message produced: what a longer run keeps adding. */
  retainedBytesPerMessage: number;
}

/** Parent → receiver. */
export type ReceiverCommand = { type: 'reset' } | { type: 'mark' } | { type: 'window' } | { type: 'totals' };

/** Receiver → parent, in answer to `window`: what arrived since `mark`. */
export interface ReceiverWindow {
  type: 'window';
  elapsedMs: number;
  verified: number;
  latency: LatencySummary;
}

/** Receiver → parent, in answer to `totals`: everything since `reset`. */
export interface ReceiverTotals {
  type: 'totals';
  received: number;
  verified: number;
  /** POSTs whose `X-Hub-Signature-256` did not match the raw body. */
  invalidSignature: number;
  /** Verified POSTs without the bench's stamp in the text (should be 0). */
  unstamped: number;
  /** Distinct sequence numbers verified: `produced - unique` were lost. */
  unique: number;
  /** Arrivals with a lower sequence number than one already seen (0 when order is kept). */
  outOfOrder: number;
  /** TCP connections the sender opened (keep-alive reuses them). */
  connections: number;
  meanBodyBytes: number;
}

/** Receiver → parent, every few milliseconds while POSTs arrive. */
export interface ReceiverProgress {
  type: 'progress';
  received: number;
}
