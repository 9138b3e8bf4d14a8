import { sseEventNames } from '@switchboard/protocol';
import type { ServerResponse } from 'node:http';

// `event: ping` rather than a comment: EventSource hides comments from the page, and a client can
// only detect a stalled stream from heartbeats it sees (the SDK's watchdog).
const ping = `event: ${sseEventNames.ping}\ndata: {}\n\n`;

/**
 * One timer writes an `event: ping` to every open event stream: it keeps proxies from closing an
 * idle connection, lets clients tell a stalled stream from a quiet one, and makes a dead peer show
 * up as a write error (the response then closes).
 */
export class SseHeartbeat {
  private readonly responses = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => {
      for (const response of this.responses) {
        if (!response.destroyed && !response.writableEnded) response.write(ping);
      }
    }, intervalMs);
    this.timer.unref();
  }

  add(response: ServerResponse): void {
    this.responses.add(response);
    response.once('close', () => this.responses.delete(response));
  }

  close(): void {
    clearInterval(this.timer);
  }
}
