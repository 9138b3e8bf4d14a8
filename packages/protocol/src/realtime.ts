import type { SwitchboardEvent } from './event.js';

/*
 * The realtime stream's frames, close codes and end reasons (docs/realtime.md), shared by the
 * server that writes them and the SDK that reads them. No zod here: the SDK imports this at run
 * time and must stay small.
 */

/** First frame of every stream: the server's head seq and whether the client's cursor was resumed. */
export type ReadyFrame = { type: 'ready'; head: number; recovered: boolean };
/** One event of the caller's scope, in seq order. */
export type EventFrame = { type: 'event'; event: SwitchboardEvent };
/** Heartbeat (every 15 s by default), so a client can tell a stalled stream from a quiet one. */
export type PingFrame = { type: 'ping' };
/** SSE only: the server ends the stream and says why (WebSocket says it with a close code). */
export type EndFrame = { type: 'end'; reason: StreamEndReason };

/** What the server sends on `GET /v1/realtime` (WebSocket text frames, JSON). */
export type ServerFrame = ReadyFrame | EventFrame | PingFrame;
/** What a WebSocket client may send; anything it sends counts as alive. */
export type ClientFrame = { type: 'pong' };

/**
 * Why the server ended a stream. `slow_consumer`, `shutdown` and `error` → reconnect and resume
 * from the last seq; `token_expired` → get a new token, then resume.
 */
export const streamEndReasons = ['slow_consumer', 'token_expired', 'shutdown', 'error'] as const;
export type StreamEndReason = (typeof streamEndReasons)[number];

/**
 * WebSocket close codes (4000–4999 are the application's). A client resumes at once after 4008,
 * 1012 and 1011 (with backoff), fetches a new token first after 4401, and gives up after 4403
 * and 4400: retrying cannot change the answer.
 */
export const closeCodes = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  slowConsumer: 4008,
  serviceRestart: 1012,
  internalError: 1011,
} as const;

/** SSE `event:` names besides the event types: the ready frame, heartbeats and the end. */
export const sseEventNames = { ready: 'ready', ping: 'ping', end: 'end' } as const;

/** Longest `wait` of the long-poll, in seconds. */
export const maxLongPollWaitSeconds = 30;
