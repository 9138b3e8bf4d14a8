/**
 * Baseline 2: a Socket.IO server doing the same fan-out (`io.emit`, which encodes each packet once
 * for all sockets), WebSocket transport only, no compression. A child of run.ts, with the same IPC
 * as bare-ws-server.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Server } from 'socket.io';
import { eventFrame, fanMarker } from './event-frame.js';
import { nowMicros, type BroadcastDone, type BroadcastRequest } from './protocol.js';

const server = createServer();
const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
let seq = 0;

process.on('message', (message: BroadcastRequest) => {
  if (message.type !== 'broadcast') return;
  void (async () => {
    const startedAt = nowMicros();
    for (let i = 0; i < message.count; i++) {
      io.emit('event', eventFrame(++seq, `${fanMarker}${i}`).event);
      await yieldToLoop();
    }
    process.send?.({ type: 'broadcast-done', startedAt, sentAt: nowMicros() } satisfies BroadcastDone);
  })();
});

server.listen(0, '127.0.0.1', 4096, () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});
process.once('disconnect', () => process.exit(0));
