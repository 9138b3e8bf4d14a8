import type { PingFrame } from '@switchboard/protocol';
import WebSocket from 'ws';

/**
 * Heartbeats for every WebSocket of a node from two timers (not two per connection): an
 * application `{"type":"ping"}` frame that proxies and the SDK see, and a protocol ping whose pong
 * proves the peer is alive. A socket that has not answered since the previous protocol ping (or
 * sent anything at all) is terminated: a half-open TCP connection would otherwise live for hours.
 */
export class WebSocketLiveness {
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly timers: NodeJS.Timeout[];

  constructor(options: { heartbeatMs: number; protocolPingMs: number }) {
    const ping = JSON.stringify({ type: 'ping' } satisfies PingFrame);
    this.timers = [
      setInterval(() => {
        for (const socket of this.alive.keys()) {
          if (socket.readyState === WebSocket.OPEN) socket.send(ping);
        }
      }, options.heartbeatMs),
      setInterval(() => this.reap(), options.protocolPingMs),
    ];
    for (const timer of this.timers) timer.unref();
  }

  get size(): number {
    return this.alive.size;
  }

  add(socket: WebSocket): void {
    this.alive.set(socket, true);
    const heard = () => this.alive.has(socket) && this.alive.set(socket, true);
    socket.on('pong', heard);
    socket.on('message', heard);
    socket.once('close', () => this.alive.delete(socket));
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  private reap(): void {
    for (const [socket, alive] of this.alive) {
      if (!alive) {
        this.alive.delete(socket);
        socket.terminate();
        continue;
      }
      this.alive.set(socket, false);
      if (socket.readyState === WebSocket.OPEN) socket.ping();
    }
  }
}
