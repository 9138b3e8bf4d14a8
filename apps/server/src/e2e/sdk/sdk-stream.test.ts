import { createClient, type SwitchboardClient, type TransportName } from '@switchboard/client';
import type { SwitchboardEvent } from '@switchboard/protocol';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRealtimeServer, type RealtimeTestServer } from '../../realtime/testing/realtime-test-server.js';
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy.js';

// The SDK in Node, as a host app would run it: `ws` and the `eventsource` package injected.
const drivers = { WebSocket: WebSocket as never, EventSource: EventSource as never };
const inScope = '4915500000001';
const outOfScope = '4915500000002';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the SDK against a real server', () => {
  let t: RealtimeTestServer;
  let proxy: CuttingProxy;
  const clients: SwitchboardClient[] = [];
  beforeAll(async () => {
    t = await startRealtimeServer('sqlite', { heartbeatMs: 200 });
    proxy = await startCuttingProxy(() => Number(new URL(t.url).port));
    await t.inbound(inScope, 'first');
    await t.inbound(outOfScope, 'first');
    await t.setRefs(await t.conversationIdOf(inScope), ['CASE-1']);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    proxy.refuse.websocket = proxy.refuse.sse = false;
  });
  afterAll(async () => {
    await proxy.close();
    await t.close();
  });

  const open = (options: { transports?: TransportName[]; ttlSeconds?: number; watchdogMs?: number } = {}) => {
    let tokens = 0;
    const client = createClient({
      url: proxy.url,
      ...drivers,
      transports: options.transports,
      getToken: () => {
        tokens++;
        return t.agentToken({ refs: ['CASE-1'], ttlSeconds: options.ttlSeconds ?? 3600 });
      },
      ...(options.watchdogMs && { watchdogMs: options.watchdogMs, stallAfterMs: 2000 }),
    });
    clients.push(client);
    return { client, tokens: () => tokens };
  };

  /** Events the agent's scope allows (refs snapshot carries CASE-1), after `after`. */
  const committedInScope = async (after: number) =>
    (await t.allEvents()).filter((e) => e.seq > after && e.refs.includes('CASE-1')).map((e) => e.seq);

  /** Appends a steady stream of events for both customers; a server restart in between is skipped over. */
  async function produce(count: number, everyMs: number, chaos: (i: number) => Promise<void> | void) {
    for (let i = 0; i < count; i++) {
      await chaos(i);
      for (;;) {
        try {
          await t.inbound(i % 3 === 0 ? outOfScope : inScope, `message ${i}`);
          break;
        } catch {
          await sleep(20); // the server is restarting
        }
      }
      await sleep(everyMs);
    }
  }

  for (const transport of ['websocket', 'sse', 'poll'] as const) {
    it(`over ${transport}: onEvent sees exactly the committed seqs of its scope, in order, once, while connections are cut and the server restarts`, async () => {
      const { client } = open({ transports: [transport] });
      const seen: SwitchboardEvent[] = [];
      client.onEvent((event) => seen.push(event));
      await vi.waitFor(() => expect(client.connection.getState().status).toBe('live'), { timeout: 5000 });
      const start = client.connection.getState().cursor!;
      // Random cuts (seeded, so a failure can be replayed) and one restart on the same port.
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      await produce(90, 15, async (i) => {
        if (i === 45) await t.restart();
        else if (random() < 0.08) proxy.cutAll();
      });
      const expected = await committedInScope(start);
      expect(expected.length).toBeGreaterThan(50);
      await vi.waitFor(() => expect(seen.map((e) => e.seq)).toEqual(expected), {
        timeout: 20_000,
        interval: 100,
      });
      expect(seen.every((e) => e.refs.includes('CASE-1'))).toBe(true);
      expect(client.connection.getState()).toMatchObject({ transport, cursor: expected.at(-1) });
    });
  }

  it('falls back to SSE when WebSocket is refused, and to long-poll when both are', async () => {
    proxy.refuse.websocket = true;
    const sse = open();
    sse.client.onEvent(() => {});
    await vi.waitFor(
      () => expect(sse.client.connection.getState()).toMatchObject({ status: 'live', transport: 'sse' }),
      {
        timeout: 5000,
      },
    );
    proxy.refuse.sse = true;
    const poll = open();
    const seen: number[] = [];
    poll.client.onEvent((event) => seen.push(event.seq));
    await vi.waitFor(
      () => expect(poll.client.connection.getState()).toMatchObject({ status: 'live', transport: 'poll' }),
      {
        timeout: 5000,
      },
    );
    const start = poll.client.connection.getState().cursor!;
    await t.inbound(inScope, 'over the long-poll');
    await vi.waitFor(async () => expect(seen).toEqual(await committedInScope(start)));
    // What worked is remembered: after a cut it comes back on the long-poll at once.
    proxy.cutAll();
    await vi.waitFor(() =>
      expect(poll.client.connection.getState()).toMatchObject({ status: 'live', transport: 'poll' }),
    );
  });

  it('renews a token that expires mid-stream without a gap and without leaving live', async () => {
    const { client, tokens } = open({ transports: ['websocket'], ttlSeconds: 2, watchdogMs: 100 });
    const seen: number[] = [];
    client.onEvent((event) => seen.push(event.seq));
    await vi.waitFor(() => expect(client.connection.getState().status).toBe('live'));
    const statuses: string[] = [];
    client.connection.subscribe((state) => statuses.push(state.status));
    const start = client.connection.getState().cursor!;
    // 4.5 s of steady events: the 2-second tokens expire twice on the way.
    await produce(45, 90, () => {});
    const expected = await committedInScope(start);
    await vi.waitFor(() => expect(seen).toEqual(expected), { timeout: 10_000 });
    expect(tokens()).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s !== 'live')).toEqual([]);
  });

  it('ends in unauthorized, not in a loop, when getToken fails for good', async () => {
    let calls = 0;
    const client = createClient({
      url: proxy.url,
      ...drivers,
      getToken: () => {
        calls++;
        throw new Error('the app says: signed out');
      },
    });
    clients.push(client);
    client.onEvent(() => {});
    await vi.waitFor(
      () =>
        expect(client.connection.getState()).toMatchObject({
          status: 'unauthorized',
          reason: 'token_refresh_failed',
        }),
      {
        timeout: 10_000,
      },
    );
    const after = calls;
    await sleep(1500);
    expect(calls).toBe(after);
  });

  it('asks for a new token once after a refusal, and is signed out when it is refused again', async () => {
    let calls = 0;
    const client = createClient({
      url: proxy.url,
      ...drivers,
      transports: ['websocket'],
      getToken: () => {
        calls++;
        return 'not-a-token';
      },
    });
    clients.push(client);
    client.onEvent(() => {});
    await vi.waitFor(() =>
      expect(client.connection.getState()).toMatchObject({ status: 'unauthorized', reason: 'unauthorized' }),
    );
    expect(calls).toBe(2);
  });

  it('keeps a late message older than the loaded pages for its page, instead of growing the list above', async () => {
    const customer = '4915500000003';
    const start = Date.now() - 3_600_000;
    for (let i = 0; i < 55; i++) await t.inbound(customer, `history ${i}`, start + i * 1000);
    const id = await t.conversationIdOf(customer);
    await t.setRefs(id, ['CASE-1']);
    const { client } = open({ transports: ['websocket'] });
    const view = client.messages(id);
    const stop = view.subscribe(() => {});
    await vi.waitFor(() => expect(view.getSnapshot().status).toBe('ready'));
    await vi.waitFor(() => expect(client.connection.getState().status).toBe('live'));
    const bodies = () => view.getSnapshot().messages.map((m) => (m.type === 'text' ? m.content.body : null));
    expect(bodies()).toHaveLength(50);
    // WhatsApp delivers one written before everything on screen, then a new one.
    await t.inbound(customer, 'written long ago', start - 60_000);
    await t.inbound(customer, 'new one');
    await vi.waitFor(() => expect(bodies().at(-1)).toBe('new one'));
    expect(bodies()).toHaveLength(51);
    expect(bodies()[0]).toBe('history 5');
    await view.loadOlder();
    expect(bodies().slice(0, 2)).toEqual(['written long ago', 'history 0']);
    expect(bodies()).toHaveLength(57);
    stop();
  });

  it('tells a client whose cursor is older than the retained log to reload, instead of skipping silently', async () => {
    await t.inbound(inScope, 'before the gap');
    const { client } = open({ transports: ['websocket'] });
    const view = client.messages(await t.conversationIdOf(inScope));
    const stop = view.subscribe(() => {});
    await vi.waitFor(() => expect(view.getSnapshot().status).toBe('ready'));
    const before = view.getSnapshot().messages.length;
    let resyncs = 0;
    client.onResync(() => resyncs++);
    // The client is cut off while events are written and the log is pruned past its cursor.
    proxy.refuse.websocket = true;
    proxy.cutAll();
    await vi.waitFor(() => expect(client.connection.getState().status).not.toBe('live'));
    for (let i = 0; i < 3; i++) await t.inbound(inScope, `missed ${i}`);
    await t.server.store.pruneEvents(Date.now() + 60_000, 1_000_000);
    const snapshots: number[] = [];
    view.subscribe(() => snapshots.push(view.getSnapshot().messages.length));
    proxy.refuse.websocket = false;
    await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000 });
    const bodies = () => view.getSnapshot().messages.map((m) => (m.type === 'text' ? m.content.body : null));
    await vi.waitFor(() => expect(bodies().slice(-3)).toEqual(['missed 0', 'missed 1', 'missed 2']));
    // The list was swapped at once: it never went empty while reloading.
    expect(snapshots.every((n) => n >= before)).toBe(true);
    stop();
  });
});
