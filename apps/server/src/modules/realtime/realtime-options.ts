import { maxLongPollWaitSeconds } from '@switchboard/protocol';

/** Timings and bounds of the realtime transports; tests shorten them, production keeps the defaults. */
export interface RealtimeOptions {
  /** Application heartbeat: `{"type":"ping"}` on WebSocket, `event: ping` on SSE. */
  heartbeatMs: number;
  /** WebSocket protocol ping; a socket that has not answered the previous one is terminated. */
  protocolPingMs: number;
  /** Longest `wait` a long-poll may ask for, in seconds. */
  maxWaitSeconds: number;
}

export const defaultRealtimeOptions: RealtimeOptions = {
  heartbeatMs: 15_000,
  protocolPingMs: 30_000,
  maxWaitSeconds: maxLongPollWaitSeconds,
};
