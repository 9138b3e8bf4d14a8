import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type SwitchboardClient } from '../index.js';
import type { Clock } from './clock.js';

// The browser's WebSocket, window and document are outside the SDK: they are faked here, at that
// edge, to drive what a real network and a sleeping laptop do (timers paused, the clock running).

class ManualClock implements Clock {
  private time = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number);
  };
  /** Time passes with the timers running, in order. */
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
      await flush();
    }
    this.time = end;
  }
  /** The laptop sleeps: the wall clock jumps, no timer fires. */
  sleep(ms: number) {
    this.time += ms;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

class FakeSocket {
  static all: FakeSocket[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closedByClient = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send() {}
  close() {
    this.closedByClient = true;
  }
  frame(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
}

const last = () => FakeSocket.all.at(-1)!;

describe('the stream controller, on a manual clock', () => {
  let clock: ManualClock;
  let client: SwitchboardClient;
  let tokens: number;
  beforeEach(() => {
    FakeSocket.all = [];
    clock = new ManualClock();
    tokens = 0;
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    Object.assign(globalThis, { window: win, document: doc });
    client = createClient({
      url: 'https://switchboard.test',
      getToken: () => `token-${++tokens}`,
      transports: ['websocket'],
      WebSocket: FakeSocket,
      fetch: () => Promise.reject(new Error('no REST here')),
      clock,
      random: () => 0.99,
    });
  });
  afterEach(() => {
    client.close();
    delete (globalThis as { window?: unknown }).window;
    delete (globalThis as { document?: unknown }).document;
  });

  async function live(head = 10) {
    client.onEvent(() => {});
    await flush();
    last().frame({ type: 'ready', head, recovered: true });
    expect(client.connection.getState().status).toBe('live');
  }

  it('reconnects when no heartbeat came for 35 s', async () => {
    await live();
    await clock.advance(30_000);
    expect(FakeSocket.all).toHaveLength(1);
    await clock.advance(10_000);
    expect(FakeSocket.all[0]!.closedByClient).toBe(true);
    expect(FakeSocket.all).toHaveLength(2);
    expect(last().url).toContain('after=10');
  });

  it('keeps a stream that heartbeats', async () => {
    await live();
    for (let i = 0; i < 10; i++) {
      await clock.advance(15_000);
      last().frame({ type: 'ping' });
    }
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('notices a sleep at the first tick after waking and reconnects at once with a new token', async () => {
    await live();
    const before = tokens;
    clock.sleep(20 * 60_000); // the lid was closed: no timer ran
    await clock.advance(5000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(tokens).toBe(before + 1);
    expect(last().url).toContain(`token=token-${tokens}`);
  });

  it('waits out the backoff, but not once the browser is back online or the tab visible again', async () => {
    await live();
    last().drop();
    const state = client.connection.getState();
    expect(state).toMatchObject({ status: 'reconnecting', reason: 'connection_lost' });
    expect(state.retryInMs).toBeGreaterThan(0);
    (globalThis as unknown as { window: EventTarget }).window.dispatchEvent(new Event('online'));
    await flush();
    expect(FakeSocket.all).toHaveLength(2);
    last().frame({ type: 'ready', head: 10, recovered: true });
    last().drop();
    expect(client.connection.getState().status).toBe('reconnecting');
    (globalThis as unknown as { document: EventTarget }).document.dispatchEvent(
      new Event('visibilitychange'),
    );
    await flush();
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('goes offline with the browser and comes back at once', async () => {
    await live();
    (globalThis as unknown as { window: EventTarget }).window.dispatchEvent(new Event('offline'));
    expect(client.connection.getState()).toMatchObject({ status: 'offline', reason: 'offline' });
    expect(FakeSocket.all[0]!.closedByClient).toBe(true);
    await clock.advance(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    (globalThis as unknown as { window: EventTarget }).window.dispatchEvent(new Event('online'));
    await flush();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('drops what it has already delivered and backs off with full jitter', async () => {
    const seqs: number[] = [];
    client.onEvent((e) => seqs.push(e.seq));
    await flush();
    last().frame({ type: 'ready', head: 5, recovered: true });
    const event = (seq: number) => ({
      type: 'event',
      event: { seq, type: 'conversation.updated', at: '', conversationId: 'c', refs: [], data: {} },
    });
    last().frame(event(6));
    last().frame(event(7));
    last().drop();
    await clock.advance(client.connection.getState().retryInMs!);
    expect(last().url).toContain('after=7');
    last().frame({ type: 'ready', head: 9, recovered: true });
    for (const seq of [6, 7, 8, 9]) last().frame(event(seq));
    expect(seqs).toEqual([6, 7, 8, 9]);
  });
});
