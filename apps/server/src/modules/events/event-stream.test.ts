import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiKeyHeaders,
  startRealtimeServer,
  type RealtimeTestServer,
} from '../../realtime/testing/realtime-test-server.js';

interface Stream {
  status: Promise<number>;
  headers: Promise<Record<string, string | string[] | undefined>>;
  text: () => string;
  close: () => void;
}

function stream(t: RealtimeTestServer, query: string, headers: Record<string, string>): Stream {
  let text = '';
  let resolveStatus: (status: number) => void = () => {};
  let resolveHeaders: (headers: Record<string, string | string[] | undefined>) => void = () => {};
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const responseHeaders = new Promise<Record<string, string | string[] | undefined>>(
    (resolve) => (resolveHeaders = resolve),
  );
  const req = request(`${t.url}/v1/events/stream?${query}`, { headers, agent: false }, (response) => {
    resolveStatus(response.statusCode ?? 0);
    resolveHeaders(response.headers);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
  });
  req.on('error', () => {});
  req.end();
  return { status, headers: responseHeaders, text: () => text, close: () => req.destroy() };
}

const ids = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe('GET /v1/events/stream (SSE)', () => {
  let t: RealtimeTestServer;
  beforeAll(async () => {
    t = await startRealtimeServer('sqlite', { heartbeatMs: 100 });
    for (let i = 0; i < 3; i++) await t.inbound('4915300000001', `m${i}`);
  });
  afterAll(() => t.close());

  it('streams id: seq / event: type / data: event, with no-buffering headers and heartbeats', async () => {
    const log = await t.allEvents();
    const s = stream(t, 'after=0', apiKeyHeaders);
    expect(await s.status).toBe(200);
    expect(await s.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    await vi.waitFor(() => expect(ids(s.text())).toEqual(log.map((e) => e.seq)));
    const first = log[0]!;
    expect(s.text()).toContain(`id: ${first.seq}\nevent: ${first.type}\ndata: ${JSON.stringify(first)}\n\n`);
    expect(s.text()).toMatch(/^retry: 1000\n: \{"type":"ready","head":\d+,"recovered":true\}\n\n/);
    // The named ready message follows the replayed backlog, and has no id (Last-Event-ID stays a seq).
    await vi.waitFor(() => expect(s.text()).toContain('event: ready\ndata: {"type":"ready"'));
    const named = s.text().indexOf('event: ready\ndata: {"type":"ready"');
    expect(named).toBeGreaterThan(s.text().indexOf(`id: ${log.at(-1)!.seq}\n`));
    await vi.waitFor(() => expect(s.text()).toContain('event: ping\ndata: {}\n\n'));
    s.close();
  });

  it('prefers Last-Event-ID over after', async () => {
    const log = await t.allEvents();
    const s = stream(t, 'after=0', { ...apiKeyHeaders, 'last-event-id': String(log[2]!.seq) });
    await t.inbound('4915300000001', 'live');
    const all = await t.allEvents();
    await vi.waitFor(() => expect(ids(s.text())).toEqual(all.slice(3).map((e) => e.seq)));
    s.close();
  });

  it('answers 401 without credentials and 403 for a ref outside the token', async () => {
    expect(await stream(t, '', {}).status).toBe(401);
    const token = await t.agentToken({ refs: ['CASE-1'] });
    expect(await stream(t, 'ref=CASE-2', { authorization: `Bearer ${token}` }).status).toBe(403);
    const ok = stream(t, `ref=CASE-1&token=${token}`, {});
    expect(await ok.status).toBe(200);
    ok.close();
  });

  it('tells EventSource clients recovered: false in the event: ready message', async () => {
    await t.server.store.pruneEvents(Date.now() + 60_000, 1);
    const s = stream(t, 'after=0', apiKeyHeaders);
    await vi.waitFor(() =>
      expect(s.text()).toMatch(/event: ready\ndata: \{"type":"ready","head":\d+,"recovered":false\}/),
    );
    s.close();
  });
});
