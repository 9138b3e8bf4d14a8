import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  apiKeyHeaders,
  startRealtimeServer,
  type RealtimeTestServer,
} from '../../realtime/testing/realtime-test-server.js';

interface Frames {
  frames: { type: string; head?: number; recovered?: boolean; event?: { seq: number } }[];
  closed: Promise<{ code: number; reason: string }>;
  socket: WebSocket;
}

function open(t: RealtimeTestServer, query: string, authorization?: string, autoPong = true): Frames {
  const socket = new WebSocket(`${t.wsUrl}/v1/realtime?${query}`, {
    headers: authorization ? { authorization } : {},
    perMessageDeflate: false,
    autoPong,
  });
  const frames: Frames['frames'] = [];
  socket.on('message', (data) =>
    frames.push(JSON.parse((data as Buffer).toString()) as Frames['frames'][number]),
  );
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return { frames, closed, socket };
}

const events = (f: Frames) => f.frames.filter((x) => x.type === 'event').map((x) => x.event!.seq);

describe('GET /v1/realtime (WebSocket)', () => {
  let t: RealtimeTestServer;
  beforeAll(async () => {
    t = await startRealtimeServer('sqlite', {
      heartbeatMs: 100,
      protocolPingMs: 150,
      maxBufferedBytes: 256 * 1024,
    });
    await t.inbound('4915200000001', 'one');
    await t.inbound('4915200000002', 'two');
  });
  afterAll(() => t.close());

  it('sends ready, then the missed events, then live ones, in seq order', async () => {
    const log = (await t.allEvents()).map((e) => e.seq);
    const ws = open(t, 'after=0', apiKeyHeaders.authorization);
    await vi.waitFor(() => expect(events(ws)).toEqual(log));
    expect(ws.frames[0]).toEqual({ type: 'ready', head: log.at(-1), recovered: true });
    await t.inbound('4915200000001', 'three');
    const all = (await t.allEvents()).map((e) => e.seq);
    await vi.waitFor(() => expect(events(ws)).toEqual(all));
    ws.socket.close();
  });

  it('starts at the head when no cursor is given', async () => {
    const head = (await t.allEvents()).at(-1)!.seq;
    const ws = open(t, '', apiKeyHeaders.authorization);
    await vi.waitFor(() => expect(ws.frames[0]).toEqual({ type: 'ready', head, recovered: true }));
    await t.inbound('4915200000002', 'live');
    await vi.waitFor(() => expect(events(ws)[0]).toBe(head + 1));
    ws.socket.close();
  });

  it('closes with 4401 without a valid credential, 4403 outside the scope, 4400 on a bad query', async () => {
    expect((await open(t, 'after=0').closed).code).toBe(4401);
    expect((await open(t, 'after=0', 'Bearer not-a-token').closed).code).toBe(4401);
    const token = await t.agentToken({ refs: ['CASE-9'] });
    const conversationId = await t.conversationIdOf('4915200000001');
    expect((await open(t, `conversationId=${conversationId}`, `Bearer ${token}`).closed).code).toBe(4403);
    expect((await open(t, 'ref=CASE-1', `Bearer ${token}`).closed).code).toBe(4403);
    expect((await open(t, 'after=-1', apiKeyHeaders.authorization).closed).code).toBe(4400);
  });

  it('accepts an agent token as ?token= and closes with 4401 when it expires', async () => {
    const token = await t.agentToken({ all: true, ttlSeconds: 1 });
    const ws = open(t, `token=${token}`);
    await vi.waitFor(() => expect(ws.frames[0]?.type).toBe('ready'));
    const closed = await ws.closed;
    expect(closed).toEqual({ code: 4401, reason: 'token expired' });
  });

  it('sends {"type":"ping"} heartbeats and reaps a peer that stops answering protocol pings', async () => {
    const alive = open(t, '', apiKeyHeaders.authorization);
    const dead = open(t, '', apiKeyHeaders.authorization, false);
    await vi.waitFor(() => expect(alive.frames.filter((f) => f.type === 'ping').length).toBeGreaterThan(2));
    // No pong: terminated (no close frame, so the client sees 1006) within two ping intervals.
    expect((await dead.closed).code).toBe(1006);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    alive.socket.close();
  });

  it('says recovered: false and starts at the head when the cursor is older than the retained log', async () => {
    await t.server.store.pruneEvents(Date.now() + 60_000, 2);
    const head = (await t.allEvents()).at(-1)!.seq;
    const ws = open(t, 'after=0', apiKeyHeaders.authorization);
    await vi.waitFor(() => expect(ws.frames[0]).toEqual({ type: 'ready', head, recovered: false }));
    await t.inbound('4915200000001', 'after prune');
    await vi.waitFor(() => expect(events(ws)[0]).toBe(head + 1));
    ws.socket.close();
  });

  it('disconnects a consumer that stops reading, with bounded server memory', async () => {
    // A raw client that completes the handshake and then never reads: the kernel buffers fill,
    // then ws's own buffer, until the hub's bound drops the subscriber.
    const port = new URL(t.url).port;
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(
      `GET /v1/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
        `Authorization: ${apiKeyHeaders.authorization}\r\n\r\n`,
    );
    await new Promise((resolve) => socket.once('data', resolve));
    socket.pause();
    const before = t.server.hub.subscriberCount;
    const body = 'x'.repeat(60_000);
    for (let i = 0; i < 200 && t.server.hub.subscriberCount === before; i++) {
      await t.inbound('4915200000003', body + i);
    }
    expect(t.server.hub.subscriberCount).toBe(before - 1);
    socket.destroy();
  });
});
