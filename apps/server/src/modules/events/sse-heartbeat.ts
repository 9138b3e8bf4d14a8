import type { ServerResponse } from 'node:http';

/**
 * One timer writes a `: ping` comment to every open event stream: it keeps proxies from closing an
 * idle connection and makes a dead peer show up as a write error (the response then closes).
 */
export class SseHeartbeat {
  private readonly responses = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => {
      for (const response of this.responses) {
        if (!response.destroyed && !response.writableEnded) response.write(': ping\n\n');
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
