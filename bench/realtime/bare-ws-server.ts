/**
 * Baseline 1: a bare `ws` broadcast server, the least a WebSocket fan-out can cost. It keeps every
 * socket in a Set and sends each frame, serialized once, to all of them. It also receives signed
 * webhooks like bench/ingest/bare-server.ts (raw body, HMAC in constant time, 200) and broadcasts
 * each inbound text as an event frame: the floor for webhook → WebSocket latency.
 *
 * Scoped agents (the latency run's default, like Switchboard's agent tokens): a client connecting
 * with `?agent=<k>&agents=<n>` gets only the webhooks of its own customers (the customer index of
 * the `from` number, mod n, is k); a client without `agent` gets every webhook.
 *
 * A child of run.ts: BENCH_APP_SECRET in the environment; `{type:'listening', port}` and
 * `{type:'broadcast-done'}` go back over IPC; `{type:'broadcast', count}` starts a fan-out burst.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { agentOf, customerIndex } from './customers.js';
import { eventFrame, fanMarker } from './event-frame.js';
import { nowMicros, type BroadcastDone, type BroadcastRequest } from './protocol.js';

const appSecret = process.env.BENCH_APP_SECRET ?? '';
const clients = new Set<WebSocket>();
// Scoped agents: their sockets by agent index, and how many agents the customers are spread over.
const agentSockets = new Map<number, Set<WebSocket>>();
let agents = 0;
let seq = 0;

function broadcast(frame: object): void {
  const data = Buffer.from(JSON.stringify(frame));
  for (const client of clients) client.send(data, { binary: false });
  for (const sockets of agentSockets.values())
    for (const socket of sockets) socket.send(data, { binary: false });
}

/** To the clients that see everything and to the agent that owns the customer (if any). */
function relay(frame: object, from: string | undefined): void {
  const customer = from === undefined ? -1 : customerIndex(from);
  const owners = customer >= 0 && agents > 0 ? agentSockets.get(agentOf(customer, agents)) : undefined;
  if (clients.size === 0 && owners === undefined) return;
  const data = Buffer.from(JSON.stringify(frame));
  for (const client of clients) client.send(data, { binary: false });
  for (const socket of owners ?? []) socket.send(data, { binary: false });
}

function signatureMatches(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const received = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

interface Webhook {
  entry?: { changes?: { value?: { messages?: { from?: string; text?: { body?: string } }[] } }[] }[];
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!signatureMatches(body, req.headers['x-hub-signature-256'])) {
      res.writeHead(401, { 'content-length': 0 }).end();
      return;
    }
    res.writeHead(200, { 'content-length': 0 }).end();
    const webhook = JSON.parse(body.toString('utf8')) as Webhook;
    for (const entry of webhook.entry ?? [])
      for (const change of entry.changes ?? [])
        for (const message of change.value?.messages ?? [])
          relay(eventFrame(++seq, message.text?.body ?? ''), message.from);
  });
});
server.keepAliveTimeout = 30_000;

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  const agent = query.get('agent');
  let set = clients;
  if (agent !== null) {
    agents = Number(query.get('agents'));
    set = agentSockets.get(Number(agent)) ?? new Set();
    agentSockets.set(Number(agent), set);
  }
  set.add(socket);
  socket.on('close', () => set.delete(socket));
  socket.on('error', () => set.delete(socket));
});

process.on('message', (message: BroadcastRequest) => {
  if (message.type !== 'broadcast') return;
  void (async () => {
    const startedAt = nowMicros();
    for (let i = 0; i < message.count; i++) {
      broadcast(eventFrame(++seq, `${fanMarker}${i}`));
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
