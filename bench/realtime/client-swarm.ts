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
import { nowMicros, type SwarmConfig, type SwarmConnected, type SwarmReport } from './protocol.js';

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

function onEventFrame(isMessage: boolean, body: string | Buffer | undefined, at: number): void {
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
  let stamp = 0;
  for (let j = start; j < body.length; j++) {
    const digit = typeof body === 'string' ? body.charCodeAt(j) - 48 : body[j]! - 48;
    if (digit < 0 || digit > 9) break;
    stamp = stamp * 10 + digit;
  }
  if (stamp >= stampedFrom) histogram.record(at - stamp);
}

function onWsMessage(data: WebSocket.RawData): void {
  const buffer = Buffer.isBuffer(data)
    ? data
    : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
  if (buffer.indexOf(eventType) === -1) return;
  const isMessage = buffer.indexOf(messageCreated) !== -1;
  // Only message frames carry a marker; the search is skipped for the rest.
  onEventFrame(
    isMessage,
    isMessage && (buffer.indexOf(fan) !== -1 || buffer.indexOf(lat) !== -1) ? buffer : undefined,
    nowMicros(),
  );
}

function connectWs(config: SwarmConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(config.url, {
      headers: config.headers,
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
    socket.on('message', onWsMessage);
  });
}

interface EventPayload {
  type?: string;
  data?: { content?: { body?: string } };
}

function connectSocketIoClient(config: SwarmConfig): Promise<void> {
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
      onEventFrame(event.type === 'message.created', event.data?.content?.body, nowMicros());
    });
  });
}

async function connectAll(config: SwarmConfig): Promise<SwarmConnected> {
  const started = Date.now();
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const connect = config.kind === 'ws' ? connectWs : connectSocketIoClient;
  const worker = async (): Promise<void> => {
    while (next < config.count) {
      next += 1;
      try {
        await connect(config);
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
    };
    process.send?.(report);
  }
});

// The parent stops us by disconnecting (or by dying): close everything and go.
process.once('disconnect', () => {
  for (const socket of sockets) {
    if (socket instanceof WebSocket) socket.terminate();
    else socket.disconnect();
  }
  process.exit(0);
});
