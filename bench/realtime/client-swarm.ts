/**
 * Many WebSocket clients in one process (`ws` or `socket.io-client`), counting what they receive.
 * A child of run.ts; each process has its own fd limit, so 10,000 clients are spread over several.
 *
 * IPC: `{type:'start', …SwarmConfig}` → `{type:'connected'}`; `{type:'reset'}` zeroes the counters
 * (→ `{type:'reset-done'}`); `{type:'report'}` → a SwarmReport. Only loopback is ever dialled.
 */
import { io as connectSocketIo, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { LatencyHistogram } from '../ingest/latency-histogram.js';
import { fanMarker, latencyMarker } from './event-frame.js';
import { agentOf } from './customers.js';
import {
  nowMicros,
  type ClientEndpoint,
  type SwarmConfig,
  type SwarmConnected,
  type SwarmReport,
} from './protocol.js';

const handshakeTimeoutMs = 30_000;
const eventType = Buffer.from('"type":"event"');
const messageCreated = Buffer.from('"message.created"');
const fan = Buffer.from(fanMarker);
const lat = Buffer.from(latencyMarker);

let frames = 0;
let fanFrames = 0;
let firstFanAt = 0;
let lastFanAt = 0;
let histogram = new LatencyHistogram();
// Latency samples count only for webhooks stamped from here on (the measurement window).
let stampedFrom = 0;
const sockets: (WebSocket | Socket)[] = [];
let open = 0;
// Scoped agents: samples per client (by index), and frames from another agent's customer.
let samplesPerClient: number[] = [];
let misrouted = 0;
let agents = 0;
let clientCount = 0;

function onEventFrame(
  client: number,
  agent: number | undefined,
  isMessage: boolean,
  body: string | Buffer | undefined,
  at: number,
): void {
  frames += 1;
  if (!isMessage || body === undefined) return;
  if (body.indexOf(fanMarker) !== -1) {
    fanFrames += 1;
    if (firstFanAt === 0) firstFanAt = at;
    lastFanAt = at;
    return;
  }
  const i = body.indexOf(latencyMarker);
  if (i === -1) return;
  const start = i + latencyMarker.length;
  const charAt = (j: number): number => (typeof body === 'string' ? body.charCodeAt(j) : body[j]!);
  let stamp = 0;
  let j = start;
  for (; j < body.length; j++) {
    const digit = charAt(j) - 48;
    if (digit < 0 || digit > 9) break;
    stamp = stamp * 10 + digit;
  }
  if (stamp < stampedFrom) return;
  histogram.record(at - stamp);
  samplesPerClient[client] = (samplesPerClient[client] ?? 0) + 1;
  // Scoped: the stamp is followed by `:<customer>`, which must be one of this agent's customers.
  if (agent === undefined || j >= body.length || charAt(j) !== 58) return;
  let customer = 0;
  for (j += 1; j < body.length; j++) {
    const digit = charAt(j) - 48;
    if (digit < 0 || digit > 9) break;
    customer = customer * 10 + digit;
  }
  if (agentOf(customer, agents) !== agent) misrouted += 1;
}

function onWsMessage(client: number, agent: number | undefined, data: WebSocket.RawData): void {
  const buffer = Buffer.isBuffer(data)
    ? data
    : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
  if (buffer.indexOf(eventType) === -1) return;
  const isMessage = buffer.indexOf(messageCreated) !== -1;
  // Only message frames carry a marker; the search is skipped for the rest.
  onEventFrame(
    client,
    agent,
    isMessage,
    isMessage && (buffer.indexOf(fan) !== -1 || buffer.indexOf(lat) !== -1) ? buffer : undefined,
    nowMicros(),
  );
}

function connectWs(config: SwarmConfig, client: number): Promise<void> {
  const endpoint: ClientEndpoint = config.endpoints?.[client] ?? config;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(endpoint.url, {
      headers: endpoint.headers,
      perMessageDeflate: false,
      handshakeTimeout: handshakeTimeoutMs,
    });
    socket.once('open', () => {
      open += 1;
      sockets.push(socket);
      resolve();
    });
    socket.once('error', reject);
    socket.on('close', () => {
      open -= 1;
    });
    socket.on('message', (data: WebSocket.RawData) => onWsMessage(client, endpoint.agent, data));
  });
}

interface EventPayload {
  type?: string;
  data?: { content?: { body?: string } };
}

function connectSocketIoClient(config: SwarmConfig, client: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connectSocketIo(config.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: handshakeTimeoutMs,
      extraHeaders: config.headers,
    });
    socket.once('connect', () => {
      open += 1;
      sockets.push(socket);
      resolve();
    });
    socket.once('connect_error', reject);
    socket.on('disconnect', () => {
      open -= 1;
    });
    socket.on('event', (event: EventPayload) => {
      onEventFrame(
        client,
        undefined,
        event.type === 'message.created',
        event.data?.content?.body,
        nowMicros(),
      );
    });
  });
}

async function connectAll(config: SwarmConfig): Promise<SwarmConnected> {
  const started = Date.now();
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const connect = config.kind === 'ws' ? connectWs : connectSocketIoClient;
  agents = config.agents ?? 0;
  clientCount = config.count;
  const worker = async (): Promise<void> => {
    while (next < config.count) {
      const client = next++;
      try {
        await connect(config, client);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.concurrency, config.count) }, worker));
  return { type: 'connected', connected: open, failed, firstError, ms: Date.now() - started };
}

process.on('message', (message: SwarmConfig | { type: 'reset'; from?: number } | { type: 'report' }) => {
  if (message.type === 'start') {
    void connectAll(message).then((result) => process.send?.(result));
  } else if (message.type === 'reset') {
    frames = 0;
    fanFrames = 0;
    firstFanAt = 0;
    lastFanAt = 0;
    histogram = new LatencyHistogram();
    samplesPerClient = [];
    misrouted = 0;
    stampedFrom = message.from ?? 0;
    process.send?.({ type: 'reset-done' });
  } else if (message.type === 'report') {
    const report: SwarmReport = {
      type: 'report',
      open,
      frames,
      fanFrames,
      firstFanAt,
      lastFanAt,
      latency: histogram.summary(),
      samplesPerClient: perClientRange(),
      misrouted,
    };
    process.send?.(report);
  }
});

function perClientRange(): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < clientCount; i++) {
    const n = samplesPerClient[i] ?? 0;
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return { min: clientCount === 0 ? 0 : min, max };
}

// The parent stops us by disconnecting (or by dying): close everything and go.
process.once('disconnect', () => {
  for (const socket of sockets) {
    if (socket instanceof WebSocket) socket.terminate();
    else socket.disconnect();
  }
  process.exit(0);
});
