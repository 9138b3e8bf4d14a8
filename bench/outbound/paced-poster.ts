import { KeepAliveConnection } from '../ingest/keep-alive-connection.js';

/** Wall-clock milliseconds with sub-millisecond resolution: comparable with Date.now in other processes. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PacedOutcome {
  /** When request `i` was written (ms, wall clock); one entry per request of the run. */
  sentAt: Float64Array;
  /** When its expected answer arrived (ms, wall clock); NaN when it failed. */
  answeredAt: Float64Array;
  answered: number;
  /** Unexpected answers by status code, and transport errors by message. */
  failures: Record<string, number>;
  startedAt: number;
  /** Most requests due but not yet written at once (every connection busy). */
  maxBacklog: number;
}

/**
 * Open-loop load: request `i` is due at `start + i / rate` whatever the server does, and goes out on
 * the first free keep-alive connection. A server slower than the offered rate makes a backlog here
 * (`maxBacklog`) instead of lowering the rate it is offered, as a closed loop would.
 */
export function postAtRate(options: {
  port: number;
  connections: number;
  ratePerSecond: number;
  durationMs: number;
  timeoutMs: number;
  expectStatus: number;
  request: (sequence: number) => PacedRequest;
}): Promise<PacedOutcome> {
  const total = Math.max(1, Math.round((options.ratePerSecond * options.durationMs) / 1000));
  const sentAt = new Float64Array(total).fill(NaN);
  const answeredAt = new Float64Array(total).fill(NaN);
  const failures: Record<string, number> = {};
  const idle = Array.from(
    { length: options.connections },
    () => new KeepAliveConnection(options.port, options.timeoutMs),
  );
  const startedAt = wallClockMs();
  let produced = 0;
  let next = 0;
  let inFlight = 0;
  let answered = 0;
  let maxBacklog = 0;

  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (produced < total || next < produced || inFlight > 0) return;
      for (const connection of idle) connection.close();
      resolve({ sentAt, answeredAt, answered, failures, startedAt, maxBacklog });
    };
    const fire = (connection: KeepAliveConnection, sequence: number): void => {
      const { path, headers, body } = options.request(sequence);
      inFlight += 1;
      sentAt[sequence] = wallClockMs();
      void connection.post(path, headers, body).then((outcome) => {
        inFlight -= 1;
        if (outcome === options.expectStatus) {
          answeredAt[sequence] = wallClockMs();
          answered += 1;
        } else {
          const key = typeof outcome === 'number' ? `http_${outcome}` : outcome.message;
          failures[key] = (failures[key] ?? 0) + 1;
        }
        if (next < produced) fire(connection, next++);
        else idle.push(connection);
        finishIfDone();
      });
    };
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((wallClockMs() - startedAt) * options.ratePerSecond) / 1000));
      produced = Math.max(produced, due);
      maxBacklog = Math.max(maxBacklog, produced - next);
      while (next < produced && idle.length > 0) fire(idle.pop()!, next++);
      if (produced < total) setTimeout(tick, 1);
      else finishIfDone();
    };
    tick();
  });
}
