import { sseEventNames, type EndFrame, type ReadyFrame } from '@switchboard/protocol';
import type { ServerResponse } from 'node:http';
import type { HubEvent } from '../../realtime/hub-event.js';
import type { StreamEndReason, StreamSink } from '../../realtime/stream-sink.js';

// Replay waits until the response's unsent bytes fall below this before writing more.
const lowWaterBytes = 64 * 1024;

/**
 * Server-sent events on one hijacked response. `writableLength` counts the response's and the
 * socket's unsent bytes: the hub's bound applies to it.
 */
export class SseSink implements StreamSink {
  constructor(private readonly response: ServerResponse) {}

  private readyFrame = '';

  /**
   * The ready frame as a comment, first, for readers of the raw stream (EventSource hides
   * comments), so that `id:`/`data:` of a replay are exactly the events.
   */
  ready(info: { head: number; recovered: boolean }): void {
    this.readyFrame = JSON.stringify({
      type: 'ready',
      head: info.head,
      recovered: info.recovered,
    } satisfies ReadyFrame);
    this.send(`retry: 1000\n: ${this.readyFrame}\n\n`);
  }

  /**
   * `event: ready` for EventSource clients, once the replay has caught up (at once when nothing is
   * replayed, which is always the case for `recovered: false`). It has no `id:`, so EventSource
   * keeps the last seq as its `Last-Event-ID`.
   */
  caughtUp(): void {
    this.send(`event: ${sseEventNames.ready}\ndata: ${this.readyFrame}\n\n`);
  }

  write(event: HubEvent): void {
    this.send(event.sseFrame);
  }

  bufferedBytes(): number {
    return this.response.writableLength;
  }

  drained(): Promise<void> {
    if (this.response.destroyed || this.response.writableLength <= lowWaterBytes) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }

  /**
   * A slow consumer's connection is destroyed, not ended: ending would keep its backlog in memory
   * until it is read. Otherwise a last `event: end` says why; EventSource then reconnects with
   * `Last-Event-ID` (after `token_expired` it gets 401 and the app must fetch a new token).
   */
  end(reason: StreamEndReason): void {
    if (reason === 'slow_consumer') {
      this.response.destroy();
      return;
    }
    this.send(
      `event: ${sseEventNames.end}\ndata: ${JSON.stringify({ type: 'end', reason } satisfies EndFrame)}\n\n`,
    );
    this.response.end();
  }

  private send(chunk: string): void {
    if (!this.response.destroyed && !this.response.writableEnded) this.response.write(chunk);
  }
}
