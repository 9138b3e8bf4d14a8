/** IPC between run.ts and its children (client swarms, baseline servers, the webhook pacer). */
import type { LatencySummary } from '../ingest/latency-histogram.js';

/** Microseconds on CLOCK_MONOTONIC: one clock for every process on the machine (Linux). */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export type ClientKind = 'ws' | 'socketio';

/** Where one client connects and, for a scoped agent, which agent it is. */
export interface ClientEndpoint {
  url: string;
  headers?: Record<string, string>;
  /** Agent index: its latency frames must all come from its own customers (customer mod agents). */
  agent?: number;
}

export interface SwarmConfig {
  type: 'start';
  kind: ClientKind;
  /** ws: a ws:// URL; socketio: the http:// origin. */
  url: string;
  count: number;
  /** Handshakes in flight at once. */
  concurrency: number;
  headers?: Record<string, string>;
  /** Per client (ws only): overrides url and headers; client i uses endpoints[i]. */
  endpoints?: ClientEndpoint[];
  /** With endpoints carrying `agent`: the number of agents the customers are spread over. */
  agents?: number;
}

export interface SwarmConnected {
  type: 'connected';
  connected: number;
  failed: number;
  firstError: string | null;
  ms: number;
}

/** What a swarm received since its last reset. */
export interface SwarmReport {
  type: 'report';
  open: number;
  /** Event frames of any type. */
  frames: number;
  /** `message.created` frames carrying a `bench:fan:` body. */
  fanFrames: number;
  /** When the first and the last fan frame arrived (µs, 0 when none). */
  firstFanAt: number;
  lastFanAt: number;
  /** Receive time minus the stamp in a `bench:lat:` body, per client and message. */
  latency: LatencySummary;
  /** Latency samples per client in the window: the fewest and the most any client got. */
  samplesPerClient: { min: number; max: number };
  /** Scoped agents only: latency frames from a customer of another agent (must be 0). */
  misrouted: number;
}

export interface BroadcastRequest {
  type: 'broadcast';
  count: number;
}

export interface BroadcastDone {
  type: 'broadcast-done';
  startedAt: number;
  sentAt: number;
}

export interface PacerConfig {
  type: 'start';
  port: number;
  appSecret: string;
  ratePerSecond: number;
  durationMs: number;
  connections: number;
  /** Customers the webhooks rotate over (slot mod customers). */
  customers: number;
  /** Append `:<customer index>` to the stamp, so a scoped agent can check it owns the customer. */
  tagCustomer: boolean;
}

export interface PacerResult {
  type: 'result';
  sent: number;
  ok: number;
  errors: number;
  /** Webhooks that left more than 5 ms after their slot: the generator could not keep up. */
  late: number;
  elapsedMs: number;
  /** The stamp (µs) of every webhook answered 200, to count exactly those in the window. */
  okStamps: number[];
}
