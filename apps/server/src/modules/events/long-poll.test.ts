import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyHeaders,
  startRealtimeServer,
  type RealtimeTestServer,
} from '../../realtime/testing/realtime-test-server.js';
import { getJson } from '../../realtime/testing/resuming-clients.js';

interface Page {
  events: { seq: number; conversationId: string }[];
  next: number;
  recovered: boolean;
}

describe('GET /v1/events (page and long-poll)', () => {
  let t: RealtimeTestServer;
  const get = async (query: string, authorization = apiKeyHeaders.authorization) => {
    const { status, body } = await getJson(`${t.url}/v1/events?${query}`, { authorization });
    return { status, page: body as Page };
  };
  beforeAll(async () => {
    t = await startRealtimeServer('sqlite');
    await t.inbound('4915400000001', 'a');
    await t.inbound('4915400000002', 'b');
  });
  afterAll(() => t.close());

  it('answers at once when events exist, wait or not', async () => {
    const started = Date.now();
    const { page } = await get('after=0&wait=10&limit=2');
    expect(page.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(page).toMatchObject({ next: 2, recovered: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('holds until an event arrives, then answers with it', async () => {
    const head = (await t.allEvents()).at(-1)!.seq;
    const polling = get(`after=${head}&wait=10`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.inbound('4915400000001', 'wake up');
    const { page } = await polling;
    expect(page.events[0]?.seq).toBe(head + 1);
    expect(page.next).toBe(page.events.at(-1)!.seq);
  });

  it('starts at the current head with after=head (live only)', async () => {
    const head = (await t.allEvents()).at(-1)!.seq;
    const { page: now } = await get('after=head');
    expect(now).toEqual({ events: [], next: head, recovered: true });
    const polling = get('after=head&wait=10');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.inbound('4915400000001', 'from the head');
    const { page } = await polling;
    const after = (await t.allEvents()).filter((e) => e.seq > head).map((e) => e.seq);
    expect(after.length).toBeGreaterThan(0);
    expect(page.events.map((e: { seq: number }) => e.seq)).toEqual(after);
  });

  it('times out with an empty page after wait seconds', async () => {
    const head = (await t.allEvents()).at(-1)!.seq;
    const started = Date.now();
    const { page } = await get(`after=${head}&wait=0.3`);
    expect(page).toEqual({ events: [], next: head, recovered: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('moves next past events outside a narrow scope, so they are not scanned again', async () => {
    const other = await t.conversationIdOf('4915400000002');
    const token = await t.agentToken({ conversations: [other] });
    await t.inbound('4915400000001', 'not for this agent');
    const head = (await t.allEvents()).at(-1)!.seq;
    const { page } = await get(`after=${head - 1}&wait=0.2`, `Bearer ${token}`);
    expect(page).toEqual({ events: [], next: head, recovered: true });
    const first = await get('after=0', `Bearer ${token}`);
    expect(first.page.events.every((e) => e.conversationId === other)).toBe(true);
    expect(first.page.next).toBe(head);
  });

  it('refuses a conversation outside the scope (403) and says recovered: false after pruning', async () => {
    const token = await t.agentToken({ refs: ['CASE-1'] });
    const conversationId = await t.conversationIdOf('4915400000001');
    expect((await get(`conversationId=${conversationId}`, `Bearer ${token}`)).status).toBe(403);
    await t.server.store.pruneEvents(Date.now() + 60_000, 2);
    const head = (await t.allEvents()).at(-1)!.seq;
    expect((await get('after=0&wait=5')).page).toEqual({ events: [], next: head, recovered: false });
  });
});
