import type { ReadyFrame } from '@switchboard/protocol';
import WebSocket from 'ws';
import type { HubEvent } from '../../realtime/hub-event.js';
import type { StreamEndReason, StreamSink } from '../../realtime/stream-sink.js';
import { closeCodeFor } from './close-codes.js';

// Replay waits until the socket's unsent bytes fall below this before writing more.
const lowWaterBytes = 64 * 1024;
const drainPollMs = 5;

/** Frames of product.md §5 on one WebSocket. `bufferedAmount` is ws's queue plus the socket's. */
export class WebSocketSink implements StreamSink {
  constructor(private readonly socket: WebSocket) {}

  ready(info: { head: number; recovered: boolean }): void {
    this.send(
      JSON.stringify({ type: 'ready', head: info.head, recovered: info.recovered } satisfies ReadyFrame),
    );
  }

  write(event: HubEvent): void {
    this.send(event.wsFrame);
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  // ws has no public 'drain' event; a short poll costs nothing next to the replay it paces.
  drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.socket.readyState !== WebSocket.OPEN || this.socket.bufferedAmount <= lowWaterBytes) {
          resolve();
        } else {
          setTimeout(check, drainPollMs);
        }
      };
      check();
    });
  }

  end(reason: StreamEndReason): void {
    const { code, reason: text } = closeCodeFor(reason);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, text);
  }

  private send(frame: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }
}
