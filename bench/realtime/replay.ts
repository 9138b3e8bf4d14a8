import WebSocket from 'ws';
import { KeepAliveConnection } from '../ingest/keep-alive-connection.js';
import type { Target } from './targets.js';
import { textWebhook, webhookHeaders } from './webhooks.js';

/** The head a new client is told in its `ready` frame. */
export function readHead(target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { type: string; head?: number };
      if (frame.type === 'ready') {
        socket.terminate();
        resolve(frame.head ?? 0);
      }
    });
    socket.once('error', reject);
  });
}

/** Appends at least `events` events (each webhook of a new customer makes two or three). */
export async function appendEvents(target: Target, appSecret: string, events: number): Promise<void> {
  const start = await readHead(target);
  const connections = Array.from({ length: 8 }, () => new KeepAliveConnection(target.port, 10_000));
  let sent = 0;
  while ((await readHead(target)) < start + events) {
    await Promise.all(
      connections.map(async (connection) => {
        for (let i = 0; i < 100; i++) {
          const webhook = textWebhook(appSecret, 1_000_000 + sent++, 'replay filler', 1000);
          await connection.post('/webhooks/meta', webhookHeaders(webhook.signature), webhook.body);
        }
      }),
    );
  }
  for (const connection of connections) connection.close();
}

/**
 * A client that was away while `missed` events were committed reconnects with its cursor: the time
 * from opening the socket until the last missed event has arrived (and was parsed).
 */
export function timeReplay(target: Target, head: number, missed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const url = `${target.url}?after=${head - missed}`;
    const socket = new WebSocket(url, { headers: target.headers, perMessageDeflate: false });
    let received = 0;
    let expectedSeq = head - missed + 1;
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { type: string; event?: { seq: number } };
      if (frame.type !== 'event') return;
      if (frame.event?.seq !== expectedSeq) {
        socket.terminate();
        reject(new Error(`replay out of order: got seq ${frame.event?.seq}, expected ${expectedSeq}`));
        return;
      }
      expectedSeq += 1;
      received += 1;
      if (received === missed) {
        const elapsed = performance.now() - started;
        socket.terminate();
        resolve(elapsed);
      }
    });
    socket.once('error', reject);
    setTimeout(() => {
      socket.terminate();
      reject(new Error(`replay incomplete after 30 s: ${received} of ${missed}`));
    }, 30_000).unref();
  });
}
