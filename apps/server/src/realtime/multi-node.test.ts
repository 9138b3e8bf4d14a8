import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { change, textMessage } from '../test-support/inbound-fixtures.js';
import { loadConfig } from '../config/load-config.js';
import { createServer, type Server } from '../main.js';
import { createTestDatabaseUrl } from '../test-support/test-databases.js';
import { testApiKey, testPhoneNumberId } from '../test-support/test-server.js';
import { openStore } from '../store/open-store.js';
import type { Channel, Store } from '../store/store.js';
import { createEventNotifier } from './create-event-notifier.js';
import type { EventNotifier } from './event-notifier.js';
import { PostgresEventNotifier } from './postgres-notifier.js';

/** One server node's share of the database: its own store (pool) and its own notifier. */
interface Node {
  store: Store;
  channel: Channel;
  notifier: EventNotifier;
  /** Every seq the notifier told, from its start. */
  told: number[];
}

const phoneNumberId = '8008';

async function openNode(
  url: string,
  name: string,
  { pollIntervalMs = 60_000, reconnectDelayMs = 10 } = {},
): Promise<Node> {
  const store = openStore(url);
  await store.migrate();
  const channel = await store.ensureChannel({ provider: 'meta', phoneNumberId, name: 'Multi' });
  const notifier = new PostgresEventNotifier({
    connectionString: url,
    store,
    pollIntervalMs,
    reconnect: { minDelayMs: reconnectDelayMs, maxDelayMs: reconnectDelayMs * 10 },
    applicationName: `switchboard-notifier-${name}`,
  });
  const told: number[] = [];
  notifier.subscribe((seq) => told.push(seq));
  await notifier.start();
  return { store, channel, notifier, told };
}

async function closeNode(node: Node): Promise<void> {
  await node.notifier.close();
  await node.store.close();
}

const ingest = (node: Node, from: string, body: string) =>
  node.store.transaction((tx) =>
    tx.applyInbound(node.channel, change({ phoneNumberId, messages: [textMessage(from, body)] }), Date.now()),
  );

/** Resolves once the notifier has told a seq ≥ `seq` (then or earlier), with the largest told. */
function heard(told: number[], seq: number, timeoutMs = 5000): Promise<number> {
  return vi.waitFor(
    () => {
      const last = told.at(-1) ?? 0;
      if (last < seq) throw new Error(`not told about seq ${seq} within ${timeoutMs} ms (last ${last})`);
      return last;
    },
    { timeout: timeoutMs, interval: 5 },
  );
}

/**
 * A realtime client's loop: on every notification, read the log after its cursor until it is
 * exhausted. It never trusts the notified seq beyond "there may be more", as the hub does.
 */
function follow(node: Node): { seen: number[]; caughtUp: (head: number) => Promise<void>; stop: () => void } {
  const seen: number[] = [];
  let cursor = 0;
  let reading: Promise<void> = Promise.resolve();
  let waiters: { head: number; resolve: () => void }[] = [];
  let stopped = false;
  const drain = async (): Promise<void> => {
    for (; !stopped;) {
      const events = await node.store.readEvents({ after: cursor, limit: 100 });
      if (events.length === 0) break;
      for (const e of events) seen.push(e.seq);
      cursor = events.at(-1)!.seq;
    }
    waiters = waiters.filter((w) => (cursor >= w.head ? (w.resolve(), false) : true));
  };
  const unsubscribe = node.notifier.subscribe(() => {
    // A notification can land while the node closes: a read after that is nobody's business.
    reading = reading.then(drain).catch((err: unknown) => {
      if (!stopped) throw err;
    });
  });
  return {
    seen,
    stop: () => {
      stopped = true;
      unsubscribe();
    },
    caughtUp: (head) =>
      new Promise<void>((resolve) => {
        if (cursor >= head) resolve();
        else waiters.push({ head, resolve });
      }),
  };
}

describe('several nodes on one PostgreSQL', () => {
  let url: string;
  let admin: pg.Client;
  beforeAll(async () => {
    url = await createTestDatabaseUrl('postgres');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin.end());

  it('tells node B about commits made through node A', async () => {
    const a = await openNode(url, 'a1');
    const b = await openNode(url, 'b1');
    try {
      await ingest(a, '4981', 'hello from A');
      const head = await a.store.headSeq();
      expect(await heard(b.told, head)).toBe(head);
      await ingest(b, '4982', 'hello from B');
      const next = await b.store.headSeq();
      expect(await heard(a.told, next)).toBe(next);
    } finally {
      await closeNode(a);
      await closeNode(b);
    }
  });

  it('reconnects after the listening connection is killed and tells the head it missed', async () => {
    const a = await openNode(url, 'a2');
    // B waits 0.5–1 s before reconnecting: time to commit while it is certainly not listening.
    const b = await openNode(url, 'b2', { reconnectDelayMs: 1000 });
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'switchboard-notifier-b2'",
      );
      expect(killed.rowCount).toBe(1);
      await vi.waitFor(async () => {
        const left = await admin.query(
          "select 1 from pg_stat_activity where application_name = 'switchboard-notifier-b2'",
        );
        expect(left.rowCount).toBe(0);
      });
      // Committed while B has no listening connection: its NOTIFY reaches nobody on B's side.
      await ingest(a, '4983', 'while B was away');
      const head = await a.store.headSeq();
      expect(await heard(b.told, head)).toBe(head);
      // And B listens again: a later commit arrives as a notification (the poll is a minute away).
      await ingest(a, '4983', 'after B came back');
      const later = await a.store.headSeq();
      expect(await heard(b.told, later)).toBe(later);
      expect(b.told).toEqual([...new Set(b.told)].sort((x, y) => x - y));
    } finally {
      await closeNode(a);
      await closeNode(b);
    }
  });

  it('finds by its periodic poll a commit whose notification never came', async () => {
    const a = await openNode(url, 'a3', { pollIntervalMs: 50 });
    try {
      const head = await a.store.headSeq();
      // An append that notifies nobody, as if the notification had been lost.
      await admin.query('begin');
      await admin.query('update event_head set seq = seq + 1 where id = 1');
      await admin.query(
        `insert into events (seq, type, at, conversation_id, refs, data) values ($1, 'conversation.updated', $2, 'cv_lost', '[]', '{}')`,
        [head + 1, Date.now()],
      );
      await admin.query('commit');
      expect(await heard(a.told, head + 1, 2000)).toBe(head + 1);
    } finally {
      await closeNode(a);
    }
  });

  it('lets readers on both nodes see every seq once, in order, under concurrent writers on both', async () => {
    const a = await openNode(url, 'a4');
    const b = await openNode(url, 'b4');
    try {
      const start = await a.store.headSeq();
      const readers = [follow(a), follow(b)];
      const writers = Array.from({ length: 16 }, async (_, w) => {
        const node = w % 2 === 0 ? a : b;
        for (let i = 0; i < 12; i++) await ingest(node, `49840${w}${i % 3}`, `w${w} m${i}`);
      });
      await Promise.all(writers);
      const head = await a.store.headSeq();
      await Promise.all(readers.map((r) => r.caughtUp(head)));
      for (const reader of readers) {
        reader.stop();
        const expected = Array.from({ length: head }, (_, i) => i + 1).filter((s) => s > start);
        expect(reader.seen.filter((s) => s > start)).toEqual(expected);
      }
    } finally {
      await closeNode(a);
      await closeNode(b);
    }
  });

  it('is chosen by the store: LISTEN/NOTIFY on PostgreSQL', async () => {
    const store = openStore(url);
    try {
      expect(createEventNotifier(store, { databaseUrl: url })).toBeInstanceOf(PostgresEventNotifier);
    } finally {
      await store.close();
    }
  });
});

/** A real server node listening on loopback; all nodes of a test share one PostgreSQL database. */
async function startServerNode(url: string): Promise<{ server: Server; wsUrl: string; channel: Channel }> {
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-node-')),
    DATABASE_URL: url,
    SWITCHBOARD_API_KEY: testApiKey,
    SWITCHBOARD_TOKEN_SECRET: 'multi-node-token-secret-0123456789',
    WHATSAPP_PROVIDER: 'meta',
    META_ACCESS_TOKEN: 'test-access-token',
    META_APP_SECRET: 'test-app-secret-0123456789',
    META_VERIFY_TOKEN: 'test-verify-token',
    META_PHONE_NUMBER_ID: testPhoneNumberId,
    LOG_LEVEL: 'silent',
  });
  const server = await createServer(config, { logger: false });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const channel = (await server.store.listChannels()).find((c) => c.phoneNumberId === testPhoneNumberId)!;
  return { server, wsUrl: `ws://127.0.0.1:${port}/v1/realtime`, channel };
}

/** A WebSocket client of `GET /v1/realtime` that keeps the seqs of the event frames it receives. */
async function connectClient(wsUrl: string, after?: number) {
  const socket = new WebSocket(after === undefined ? wsUrl : `${wsUrl}?after=${after}`, {
    headers: { authorization: `Bearer ${testApiKey}` },
  });
  const seqs: number[] = [];
  const ready = new Promise<{ head: number; recovered: boolean }>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as {
        type: string;
        head?: number;
        recovered?: boolean;
        event?: { seq: number };
      };
      if (frame.type === 'ready') resolve({ head: frame.head!, recovered: frame.recovered! });
      if (frame.type === 'event') seqs.push(frame.event!.seq);
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed with ${code} before ready`)));
  });
  return {
    seqs,
    ready: await ready,
    received: (count: number) =>
      vi.waitFor(() => expect(seqs.length).toBeGreaterThanOrEqual(count), { timeout: 10_000, interval: 5 }),
    close: () => socket.terminate(),
  };
}

describe('several server nodes on one PostgreSQL, with WebSocket clients', () => {
  let url: string;
  let nodes: Awaited<ReturnType<typeof startServerNode>>[];
  beforeAll(async () => {
    url = await createTestDatabaseUrl('postgres');
    // Migrations first, then the nodes: each node migrates at start, and the migrator locks.
    nodes = await Promise.all([startServerNode(url), startServerNode(url)]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.server.close()));
  });

  const inbound = (node: (typeof nodes)[number], from: string, body: string) =>
    node.server.store.transaction((tx) =>
      tx.applyInbound(
        node.channel,
        change({ phoneNumberId: testPhoneNumberId, messages: [textMessage(from, body)] }),
        Date.now(),
      ),
    );

  it('delivers to the clients of node B what was appended through node A', async () => {
    const [a, b] = nodes as [(typeof nodes)[number], (typeof nodes)[number]];
    const client = await connectClient(b.wsUrl, 0);
    try {
      const start = client.ready.head;
      for (let i = 0; i < 5; i++) await inbound(a, '4990', `via A ${i}`);
      const head = await a.server.store.headSeq();
      await client.received(head);
      expect(client.seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(start).toBeLessThan(head);
    } finally {
      client.close();
    }
  });

  it('lets a client switch nodes mid-stream and miss nothing, with writers on both nodes', async () => {
    const [a, b] = nodes as [(typeof nodes)[number], (typeof nodes)[number]];
    const from = await a.server.store.headSeq();
    const first = await connectClient(a.wsUrl, from);
    let writing = true;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; writing || i < 5; i++) await inbound(nodes[w % 2]!, `49910${w}${i % 4}`, `w${w} m${i}`);
    });
    try {
      await first.received(20);
      first.close();
      // Resume on the other node from the last seq the client has.
      const cursor = first.seqs.at(-1)!;
      const second = await connectClient(b.wsUrl, cursor);
      expect(second.ready.recovered).toBe(true);
      try {
        await second.received(20);
        writing = false;
        await Promise.all(writers);
        const head = await b.server.store.headSeq();
        await second.received(head - cursor);
        const all = [...first.seqs, ...second.seqs];
        expect(all).toEqual(Array.from({ length: head - from }, (_, i) => from + i + 1));
      } finally {
        second.close();
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }
  });
});
