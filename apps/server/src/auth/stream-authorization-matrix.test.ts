import { request } from 'node:http';
import type { SwitchboardEvent } from '@switchboard/protocol';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { getJson } from '../realtime/testing/resuming-clients.js';
import { startRealtimeServer, type RealtimeTestServer } from '../realtime/testing/realtime-test-server.js';
import { storeKinds } from '../test-support/test-databases.js';
import { testApiKey } from '../test-support/test-server.js';
import { AgentTokens } from './agent-token.js';

/**
 * The authorization matrix of the three stream transports (docs/realtime.md): WebSocket
 * `GET /v1/realtime`, SSE `GET /v1/events/stream` and long-poll `GET /v1/events?wait=`, × every kind
 * of credential, on both stores — the stream counterpart of authorization-matrix.test.ts.
 *
 * A valid credential receives exactly the events of its scope (replayed and live), in seq order,
 * and nothing else: every cell ends with a sentinel event of its own scope appended after all the
 * others, so once it has arrived every earlier event has been decided (the streams are in seq
 * order) and absence is proven without sleeping. A narrowing outside the scope is refused (403 /
 * close 4403) and a bad credential (401 / close 4401) before any event data is sent.
 */

type Name = 'c1' | 'c2' | 'c3';
const names: Name[] = ['c1', 'c2', 'c3'];
const customers: Record<Name, string> = { c1: '4917100000001', c2: '4917100000002', c3: '4917100000003' };
const initialRefs: Record<Name, string[]> = { c1: ['A'], c2: ['B'], c3: [] };

type AgentName = 'refA' | 'refB' | 'conv3' | 'all';
type Who = AgentName | 'apiKey';
const grants: Record<AgentName, { refs?: string[]; conversations?: Name[]; all?: true }> = {
  refA: { refs: ['A'] },
  refB: { refs: ['B'] },
  conv3: { conversations: ['c3'] },
  all: { all: true },
};

/** How the credential travels: `Authorization: Bearer` or `?token=`. */
type Via = 'header' | 'query';

/**
 * The model, written out by hand (not computed with the predicate under test): which
 * conversations' events a cell receives, `always` (from the first event) or `sinceRef` (from the
 * `conversation.updated` that gave the conversation its ref: earlier events' snapshots lack it).
 */
type Visibility = Partial<Record<Name, 'always' | 'sinceRef'>>;
interface Cell {
  who: Who;
  via: Via;
  narrow?: { conversation?: Name; ref?: string };
  sees: Visibility;
}

const fullVisibility: Visibility = { c1: 'always', c2: 'always', c3: 'always' };
const ownScope: Record<Who, Visibility> = {
  apiKey: fullVisibility,
  all: fullVisibility,
  refA: { c1: 'sinceRef' },
  refB: { c2: 'sinceRef' },
  conv3: { c3: 'always' },
};

const validCells: Cell[] = [
  { who: 'apiKey', via: 'header', sees: ownScope.apiKey },
  ...(['refA', 'refB', 'conv3', 'all'] as const).flatMap((who) =>
    (['header', 'query'] as const).map((via): Cell => ({ who, via, sees: ownScope[who] })),
  ),
  // Narrowing inside the scope: exactly the narrowed part of it.
  { who: 'apiKey', via: 'header', narrow: { conversation: 'c2' }, sees: { c2: 'always' } },
  { who: 'apiKey', via: 'header', narrow: { ref: 'B' }, sees: { c2: 'sinceRef' } },
  { who: 'all', via: 'query', narrow: { conversation: 'c3' }, sees: { c3: 'always' } },
  { who: 'all', via: 'header', narrow: { ref: 'A' }, sees: { c1: 'sinceRef' } },
  { who: 'refA', via: 'header', narrow: { conversation: 'c1' }, sees: { c1: 'sinceRef' } },
  { who: 'refA', via: 'query', narrow: { ref: 'A' }, sees: { c1: 'sinceRef' } },
  { who: 'refB', via: 'query', narrow: { conversation: 'c2' }, sees: { c2: 'sinceRef' } },
  { who: 'conv3', via: 'header', narrow: { conversation: 'c3' }, sees: { c3: 'always' } },
];

/** Narrowings outside the agent's scope (`missing`: an id that does not exist). */
const refusedNarrowings: { who: AgentName; narrow: { conversation?: Name | 'missing'; ref?: string } }[] = [
  { who: 'refA', narrow: { conversation: 'c2' } },
  { who: 'refA', narrow: { conversation: 'c3' } },
  { who: 'refA', narrow: { conversation: 'missing' } },
  { who: 'refA', narrow: { ref: 'B' } },
  { who: 'refA', narrow: { ref: 'Z' } },
  { who: 'refB', narrow: { conversation: 'c1' } },
  { who: 'refB', narrow: { ref: 'A' } },
  { who: 'conv3', narrow: { conversation: 'c1' } },
  { who: 'conv3', narrow: { conversation: 'missing' } },
  // c3 carries no ref, and a conversation id in the token is not a ref.
  { who: 'conv3', narrow: { ref: 'A' } },
];

const missingConversation = 'conv_00000000000000000000000000';

interface Received {
  seq: number;
  conversationId: string;
}

// ---------------------------------------------------------------------------------------------
// Transport clients. Each records everything it gets, so a refused stream can be shown to have
// carried no event data.

interface WsClient {
  frames: { type: string; head?: number; recovered?: boolean; event?: SwitchboardEvent }[];
  closed: Promise<{ code: number; reason: string }>;
  events: () => Received[];
  close: () => void;
}

function openWebSocket(t: RealtimeTestServer, query: string, authorization: string | null): WsClient {
  const socket = new WebSocket(`${t.wsUrl}/v1/realtime?${query}`, {
    headers: authorization === null ? {} : { authorization },
    perMessageDeflate: false,
  });
  const frames: WsClient['frames'] = [];
  socket.on('message', (data) =>
    frames.push(JSON.parse((data as Buffer).toString()) as WsClient['frames'][0]),
  );
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return {
    frames,
    closed,
    events: () =>
      frames
        .filter((f) => f.type === 'event')
        .map((f) => ({ seq: f.event!.seq, conversationId: f.event!.conversationId })),
    close: () => socket.close(),
  };
}

interface SseClient {
  status: Promise<number>;
  contentType: Promise<string | undefined>;
  /** Resolves with the whole body once the server ends the response. */
  ended: Promise<string>;
  text: () => string;
  events: () => Received[];
  close: () => void;
}

function openSse(t: RealtimeTestServer, query: string, authorization: string | null): SseClient {
  let text = '';
  let resolveStatus: (status: number) => void = () => {};
  let resolveType: (type: string | undefined) => void = () => {};
  let resolveEnded: (body: string) => void = () => {};
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const contentType = new Promise<string | undefined>((resolve) => (resolveType = resolve));
  const ended = new Promise<string>((resolve) => (resolveEnded = resolve));
  const req = request(
    `${t.url}/v1/events/stream?${query}`,
    { agent: false, headers: authorization === null ? {} : { authorization } },
    (response) => {
      resolveStatus(response.statusCode ?? 0);
      resolveType(response.headers['content-type']);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolveEnded(text));
      response.on('close', () => resolveEnded(text));
    },
  );
  req.on('error', () => {});
  req.end();
  const events = () => {
    const out: Received[] = [];
    for (const block of text.split('\n\n')) {
      const id = /^id: (\d+)$/m.exec(block);
      if (!id) continue;
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as SwitchboardEvent;
      expect(data.seq, 'SSE id: is the seq').toBe(Number(id[1]));
      expect(/^event: (.*)$/m.exec(block)?.[1], 'SSE event: is the type').toBe(data.type);
      out.push({ seq: data.seq, conversationId: data.conversationId });
    }
    return out;
  };
  return { status, contentType, ended, text: () => text, events, close: () => req.destroy() };
}

interface LongPollClient {
  statuses: number[];
  bodies: unknown[];
  received: Received[];
  cursor: () => number;
  /** Stops polling (aborting the request in flight) and resolves when the loop has ended. */
  stop: () => Promise<void>;
  /** The loop ended on its own (a non-200 answer). */
  done: Promise<void>;
}

/** Polls `GET /v1/events?after=&wait=` from `after`, following `next`, until stopped or refused. */
function startLongPoll(
  t: RealtimeTestServer,
  query: string,
  authorization: string | null,
  after: number,
): LongPollClient {
  const statuses: number[] = [];
  const bodies: unknown[] = [];
  const received: Received[] = [];
  let cursor = after;
  let stopped = false;
  let abort = new AbortController();
  const loop = async () => {
    while (!stopped) {
      abort = new AbortController();
      let answer: { status: number; body: unknown };
      try {
        answer = await getJson(`${t.url}/v1/events?after=${cursor}&wait=5&limit=1000&${query}`, {
          authorization: authorization ?? '',
          signal: abort.signal,
        });
      } catch (error) {
        if (stopped) return;
        throw error;
      }
      statuses.push(answer.status);
      bodies.push(answer.body);
      if (answer.status !== 200) return;
      const page = answer.body as { events: SwitchboardEvent[]; next: number; recovered: boolean };
      expect(page.recovered).toBe(true);
      for (const event of page.events)
        received.push({ seq: event.seq, conversationId: event.conversationId });
      cursor = page.next;
    }
  };
  const done = loop();
  return {
    statuses,
    bodies,
    received,
    cursor: () => cursor,
    done,
    stop: async () => {
      stopped = true;
      abort.abort();
      await done;
    },
  };
}

// ---------------------------------------------------------------------------------------------

for (const kind of storeKinds) {
  describe(`stream authorization matrix (${kind})`, () => {
    let t: RealtimeTestServer;
    const conversationIds = {} as Record<Name, string>;
    /** Seq of the `conversation.updated` that gave each conversation its ref. */
    const refGainedAt = {} as Record<Name, number>;
    const tokens = {} as Record<AgentName, string>;
    const nameOf = (id: string) => names.find((n) => conversationIds[n] === id) ?? id;
    const head = async () => (await t.allEvents()).at(-1)!.seq;

    /** `Bearer …` for the header, or the `token=` query parameter. */
    function credential(who: Who, via: Via): { authorization: string | null; query: string } {
      const secret = who === 'apiKey' ? testApiKey : tokens[who];
      return via === 'header'
        ? { authorization: `Bearer ${secret}`, query: '' }
        : { authorization: null, query: `token=${encodeURIComponent(secret)}` };
    }

    function narrowing(narrow: { conversation?: Name | 'missing'; ref?: string } = {}): string {
      const params = new URLSearchParams();
      if (narrow.conversation) {
        params.set(
          'conversationId',
          narrow.conversation === 'missing' ? missingConversation : conversationIds[narrow.conversation],
        );
      }
      if (narrow.ref) params.set('ref', narrow.ref);
      return params.toString();
    }
    const join = (...parts: string[]) => parts.filter((p) => p !== '').join('&');

    /** The events the model says a cell receives after `after`, in seq order. */
    async function expectedFor(sees: Visibility, after: number): Promise<Received[]> {
      return (await t.allEvents())
        .filter((e) => {
          const visibility = sees[nameOf(e.conversationId) as Name];
          if (e.seq <= after || visibility === undefined) return false;
          return visibility === 'always' || e.seq >= refGainedAt[nameOf(e.conversationId) as Name];
        })
        .map((e) => ({ seq: e.seq, conversationId: e.conversationId }));
    }

    const conversationNames = (received: Received[]) =>
      [...new Set(received.map((r) => nameOf(r.conversationId)))].sort();

    beforeAll(async () => {
      t = await startRealtimeServer(kind);
      for (const name of names) await t.inbound(customers[name], `first ${name}`);
      for (const name of names) {
        conversationIds[name] = await t.conversationIdOf(customers[name]);
        if (initialRefs[name].length === 0) continue;
        await t.setRefs(conversationIds[name], initialRefs[name]);
        const gained = (await t.allEvents()).at(-1)!;
        expect([gained.type, gained.conversationId, gained.refs]).toEqual([
          'conversation.updated',
          conversationIds[name],
          initialRefs[name],
        ]);
        refGainedAt[name] = gained.seq;
      }
      // History that every stream replays (from after=0) before it goes live.
      for (const name of names) await t.inbound(customers[name], `second ${name}`);
      for (const [agent, grant] of Object.entries(grants) as [AgentName, (typeof grants)[AgentName]][]) {
        tokens[agent] = await t.agentToken({
          ...grant,
          ...(grant.conversations
            ? { conversations: grant.conversations.map((n) => conversationIds[n]) }
            : {}),
        });
      }
    });
    afterAll(() => t?.close());

    for (const cell of validCells) {
      const label = `${cell.who} via ${cell.via}${cell.narrow ? ` narrowed to ${JSON.stringify(cell.narrow)}` : ''}`;
      it(`${label}: receives exactly its scope on every transport, replayed and live`, async () => {
        const { authorization, query } = credential(cell.who, cell.via);
        const narrow = narrowing(cell.narrow);
        const ws = openWebSocket(t, join('after=0', narrow, query), authorization);
        const sse = openSse(t, join('after=0', narrow, query), authorization);
        // Long-poll is not a stream endpoint: it never reads ?token= (docs/api.md), so a token
        // there is no credential at all.
        const lp = startLongPoll(t, join(narrow, query), authorization, 0);
        try {
          expect(await sse.status, `${label}: SSE status`).toBe(200);
          await vi.waitFor(() => expect(ws.frames[0]?.type).toBe('ready'));
          await vi.waitFor(() => expect(sse.text()).toContain(': {"type":"ready"'));

          // Live: one more event of every conversation, then the sentinel, in this cell's scope.
          for (const name of names) await t.inbound(customers[name], `live ${name}`);
          const sentinelName = (Object.keys(cell.sees) as Name[]).at(-1)!;
          await t.inbound(customers[sentinelName], 'sentinel');
          const log = await t.allEvents();
          const sentinel = log.at(-1)!;
          expect(sentinel.conversationId).toBe(conversationIds[sentinelName]);
          const expected = await expectedFor(cell.sees, 0);
          expect(expected.at(-1)?.seq, `${label}: the sentinel is in the model's scope`).toBe(sentinel.seq);
          // Sanity of the model: something out of scope was appended after the scope began.
          if (Object.keys(cell.sees).length < names.length) expect(expected.length).toBeLessThan(log.length);

          await vi.waitFor(() => expect(ws.events().at(-1)?.seq).toBe(sentinel.seq));
          await vi.waitFor(() => expect(sse.events().at(-1)?.seq).toBe(sentinel.seq));
          expect(ws.events(), `${label}: WebSocket events`).toEqual(expected);
          expect(sse.events(), `${label}: SSE events`).toEqual(expected);
          expect(conversationNames(ws.events())).toEqual(Object.keys(cell.sees).sort());
          expect(conversationNames(sse.events())).toEqual(Object.keys(cell.sees).sort());
          expect(ws.frames.filter((f) => f.type !== 'event' && f.type !== 'ping').map((f) => f.type)).toEqual(
            ['ready'],
          );

          if (cell.via === 'header') {
            await vi.waitFor(() => expect(lp.cursor()).toBeGreaterThanOrEqual(sentinel.seq), {
              timeout: 10_000,
            });
            expect(lp.statuses.every((s) => s === 200)).toBe(true);
            expect(lp.received, `${label}: long-poll events`).toEqual(expected);
          } else {
            await lp.done;
            expect(lp.statuses, `${label}: long-poll ignores ?token=`).toEqual([401]);
            expect(lp.bodies[0]).toMatchObject({ error: { code: 'unauthorized' } });
            expect(lp.received).toEqual([]);
          }
        } finally {
          ws.close();
          sse.close();
          await lp.stop();
        }
      });
    }

    it('refuses a narrowing outside the scope (403 / close 4403) without sending any event', async () => {
      const shapes = new Map<string, unknown>();
      for (const { who, narrow } of refusedNarrowings) {
        for (const via of ['header', 'query'] as const) {
          const label = `${who} via ${via} narrowed to ${JSON.stringify(narrow)}`;
          const { authorization, query } = credential(who, via);
          const q = join('after=0', narrowing(narrow), query);
          const ws = openWebSocket(t, q, authorization);
          const sse = openSse(t, q, authorization);
          const closed = await ws.closed;
          expect(closed.code, `${label}: WebSocket`).toBe(4403);
          expect(ws.frames, `${label}: no WebSocket frame before the close`).toEqual([]);
          expect(await sse.status, `${label}: SSE`).toBe(403);
          const body = await sse.ended;
          expect(await sse.contentType).toMatch(/^application\/json/);
          expect(JSON.parse(body)).toMatchObject({ error: { code: 'forbidden' } });
          expect(body).not.toMatch(/"seq"|^id: |^data: /m);
          if (via === 'header') {
            const lp = startLongPoll(t, narrowing(narrow), authorization, 0);
            await lp.done;
            expect(lp.statuses, `${label}: long-poll`).toEqual([403]);
            expect(lp.bodies[0]).toMatchObject({ error: { code: 'forbidden' } });
            expect(JSON.stringify(lp.bodies[0])).not.toContain('"seq"');
          }
          // A token cannot tell an existing conversation outside its scope from a missing one.
          if (narrow.conversation) {
            const shape = { ws: closed, sse: JSON.parse(body).error.message };
            const key = `${who} ${via}`;
            if (narrow.conversation !== 'missing') shapes.set(key, shape);
            else expect(shape, `${label}: same refusal as an existing id`).toEqual(shapes.get(key));
          }
        }
      }
    });

    it('refuses every bad credential (401 / close 4401) before sending any event', async () => {
      const now = Math.floor(Date.now() / 1000);
      const good = tokens.refA;
      const [header, , signature] = good.split('.') as [string, string, string];
      const widened = Buffer.from(JSON.stringify({ sub: 'agent', exp: now + 3600, all: true })).toString(
        'base64url',
      );
      const secret = t.server.config.tokenSecret;
      const bad: Record<string, { token: string | null; code: string }> = {
        expired: {
          token: (
            await new AgentTokens(secret, { now: () => Date.now() - 3600_000 }).mint({
              sub: 'agent',
              all: true,
              ttlSeconds: 60,
            })
          ).token,
          code: 'token_expired',
        },
        'payload altered, signature kept': {
          token: `${header}.${widened}.${signature}`,
          code: 'unauthorized',
        },
        'wrong secret': {
          token: (
            await new AgentTokens('not-the-server-secret-0123456789').mint({
              sub: 'agent',
              all: true,
              ttlSeconds: 3600,
            })
          ).token,
          code: 'unauthorized',
        },
        'alg none': {
          token: new UnsecuredJWT({ sub: 'agent', all: true }).setExpirationTime(now + 3600).encode(),
          code: 'unauthorized',
        },
        garbage: { token: 'not-a-token', code: 'unauthorized' },
        'no credential': { token: null, code: 'unauthorized' },
      };
      const requests: { label: string; authorization: string | null; query: string; code: string }[] = [];
      for (const [name, { token, code }] of Object.entries(bad)) {
        if (token === null) {
          requests.push({ label: name, authorization: null, query: '', code });
          continue;
        }
        requests.push({ label: `${name} (header)`, authorization: `Bearer ${token}`, query: '', code });
        requests.push({ label: `${name} (?token=)`, authorization: null, query: `token=${token}`, code });
        // The header wins over ?token=: a valid token in the URL does not rescue a bad header.
        requests.push({
          label: `${name} (header) with a valid ?token=`,
          authorization: `Bearer ${token}`,
          query: `token=${tokens.all}`,
          code,
        });
      }
      // The API key is never accepted in a URL.
      requests.push({
        label: 'API key in ?token=',
        authorization: null,
        query: `token=${testApiKey}`,
        code: 'unauthorized',
      });

      for (const r of requests) {
        for (const narrow of [{}, { conversation: 'c1' as const }, { ref: 'A' }]) {
          const label = `${r.label} ${JSON.stringify(narrow)}`;
          const q = join('after=0', narrowing(narrow), r.query);
          const ws = openWebSocket(t, q, r.authorization);
          const sse = openSse(t, q, r.authorization);
          const lp = startLongPoll(t, join(narrowing(narrow), r.query), r.authorization, 0);

          const closed = await ws.closed;
          expect(closed.code, `${label}: WebSocket`).toBe(4401);
          expect(ws.frames, `${label}: no WebSocket frame before the close`).toEqual([]);

          expect(await sse.status, `${label}: SSE`).toBe(401);
          const body = await sse.ended;
          expect(await sse.contentType).toMatch(/^application\/json/);
          expect(JSON.parse(body), `${label}: SSE`).toMatchObject({ error: { code: r.code } });
          expect(body).not.toMatch(/"seq"|^id: |^data: /m);

          await lp.done;
          expect(lp.statuses, `${label}: long-poll`).toEqual([401]);
          // On long-poll a ?token= is never read: there it is simply no credential.
          const lpCode = r.authorization === null ? 'unauthorized' : r.code;
          expect(lp.bodies[0], `${label}: long-poll`).toMatchObject({ error: { code: lpCode } });
          expect(JSON.stringify(lp.bodies[0])).not.toContain('"seq"');
        }
      }
    });

    // Authentication comes before anything else, also before the query is validated: a caller
    // without a valid credential gets 4401 / 401 whatever its query says.
    it('refuses a bad credential with 4401 / 401 before looking at a bad query', async () => {
      for (const authorization of [null, 'Bearer not-a-token']) {
        for (const query of ['after=-1', 'after=abc']) {
          const label = `${authorization ?? 'no credential'} ${query}`;
          const ws = openWebSocket(t, query, authorization);
          const closed = await ws.closed;
          expect(closed.code, `${label}: WebSocket`).toBe(4401);
          expect(ws.frames, `${label}: no WebSocket frame before the close`).toEqual([]);
          const sse = openSse(t, query, authorization);
          expect(await sse.status, `${label}: SSE`).toBe(401);
          expect(await sse.ended).not.toMatch(/"seq"|^id: |^data: /m);
          const lp = startLongPoll(t, query.replace('after', 'limit'), authorization, 0);
          await lp.done;
          expect(lp.statuses, `${label}: long-poll`).toEqual([401]);
        }
      }
    });

    it('follows refs on an open stream: a conversation that gains ref A streams to the A agent, one that loses it stops', async () => {
      const start = await head();
      const { authorization } = credential('refA', 'header');
      const ws = openWebSocket(t, '', authorization);
      const sse = openSse(t, '', authorization);
      const lp = startLongPoll(t, '', authorization, start);
      try {
        await vi.waitFor(() => expect(ws.frames[0]).toEqual({ type: 'ready', head: start, recovered: true }));
        await vi.waitFor(() => expect(sse.text()).toContain(': {"type":"ready"'));
        const c3 = conversationIds.c3;

        await t.inbound(customers.c3, 'before gaining A'); // out of scope
        const beforeGain = await head();
        await t.setRefs(c3, ['A']); // in scope from this event on
        await t.inbound(customers.c3, 'while carrying A'); // in scope
        const beforeLoss = await head();
        await t.setRefs(c3, []); // out of scope from this event on (itself included)
        await t.inbound(customers.c3, 'after losing A'); // out of scope
        const afterLoss = await head();
        await t.inbound(customers.c1, 'sentinel'); // in scope, last
        const log = await t.allEvents();
        const sentinel = log.at(-1)!;

        const pick = (from: number, to: number) =>
          log
            .filter((e) => e.seq > from && e.seq <= to)
            .map((e) => ({ seq: e.seq, conversationId: e.conversationId }));
        const whileA = pick(beforeGain, beforeLoss);
        expect(whileA.length).toBeGreaterThanOrEqual(2);
        expect(conversationNames(whileA)).toEqual(['c3']);
        expect(log.find((e) => e.seq === beforeGain + 1)).toMatchObject({
          type: 'conversation.updated',
          refs: ['A'],
        });
        expect(log.find((e) => e.seq === beforeLoss + 1)).toMatchObject({
          type: 'conversation.updated',
          refs: [],
        });
        expect(conversationNames(pick(start, beforeGain))).toEqual(['c3']);
        expect(conversationNames(pick(beforeLoss, afterLoss))).toEqual(['c3']);
        const expected = [...whileA, ...pick(afterLoss, sentinel.seq)];
        expect(conversationNames(pick(afterLoss, sentinel.seq))).toEqual(['c1']);

        await vi.waitFor(() => expect(ws.events().at(-1)?.seq).toBe(sentinel.seq));
        await vi.waitFor(() => expect(sse.events().at(-1)?.seq).toBe(sentinel.seq));
        await vi.waitFor(() => expect(lp.cursor()).toBeGreaterThanOrEqual(sentinel.seq), { timeout: 10_000 });
        expect(ws.events(), 'WebSocket').toEqual(expected);
        expect(sse.events(), 'SSE').toEqual(expected);
        expect(lp.received, 'long-poll').toEqual(expected);
      } finally {
        ws.close();
        sse.close();
        await lp.stop();
      }
    });
  });
}
