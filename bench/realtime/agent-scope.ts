/**
 * The latency run's agents in `scoped` mode, as the product is used: each agent's token carries
 * only the case refs of their own customers, so each webhook reaches one agent. Customer i is a
 * case of agent i mod agents (customers.ts).
 *
 * - Switchboard: one signed webhook per customer creates its conversation; `PATCH
 *   /v1/conversations/:id {refs:["CASE-<k>"]}` (API key) files it under its agent; `POST /v1/tokens
 *   {sub:"agent-<k>", refs:["CASE-<k>"], ttlSeconds:3600}` mints each agent's token, which the agent
 *   passes as `?token=` like a browser.
 * - bare `ws`: the agent index goes in the URL (`?agent=<k>&agents=<n>`) and the server routes by
 *   the `from` number (bare-ws-server.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { KeepAliveConnection } from '../ingest/keep-alive-connection.js';
import { listConversations } from '../common/conversations.js';
import { agentOf, caseRef, customerNumber } from './customers.js';
import type { ClientEndpoint } from './protocol.js';
import type { Target } from './targets.js';
import { textWebhook, webhookHeaders } from './webhooks.js';

export type AgentScope = 'scoped' | 'all';

export interface ScopedSetup {
  appSecret: string;
  customers: number;
  agents: number;
}

/** One endpoint per agent, index k for agent k. */
export async function scopedEndpoints(target: Target, setup: ScopedSetup): Promise<ClientEndpoint[]> {
  const agents = Array.from({ length: setup.agents }, (_, k) => k);
  if (target.name === 'bareWs') {
    return agents.map((k) => ({ url: `${target.url}?agent=${k}&agents=${setup.agents}`, agent: k }));
  }
  if (target.name !== 'switchboard') throw new Error(`no scoped agents for ${target.name}`);
  const api = apiClient(target);
  await createConversations(target, setup);
  const ids = await conversationIds(target, setup.customers, 60_000);
  await inParallel(ids, 8, async (id, customer) => {
    await api('PATCH', `/v1/conversations/${id}`, { refs: [caseRef(agentOf(customer, setup.agents))] });
  });
  const tokens = await inParallel(agents, 8, async (k) => {
    const minted = (await api('POST', '/v1/tokens', {
      sub: `agent-${k}`,
      refs: [caseRef(k)],
      ttlSeconds: 3600,
    })) as { token: string };
    return minted.token;
  });
  return agents.map((k) => ({ url: `${target.url}?token=${encodeURIComponent(tokens[k]!)}`, agent: k }));
}

type Api = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** REST calls with the API key (the app's backend). */
function apiClient(target: Target): Api {
  return async (method, path, body) => {
    const response = await fetch(`http://127.0.0.1:${target.port}${path}`, {
      method,
      headers: {
        ...target.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
}

/** One webhook from each customer: its conversation exists once the inbox worker applied it. */
async function createConversations(target: Target, setup: ScopedSetup): Promise<void> {
  const customers = Array.from({ length: setup.customers }, (_, i) => i);
  const connections = Array.from({ length: 8 }, () => new KeepAliveConnection(target.port, 10_000));
  await inParallel(customers, connections.length, async (customer, _i, worker) => {
    const webhook = textWebhook(setup.appSecret, customer, 'bench:setup', setup.customers);
    const outcome = await connections[worker]!.post(
      '/webhooks/meta',
      webhookHeaders(webhook.signature),
      webhook.body,
    );
    if (outcome !== 200) throw new Error(`setup webhook answered ${String(outcome)}`);
  });
  for (const connection of connections) connection.close();
}

/** The conversation id of each customer (index i → id), once all of them exist. */
async function conversationIds(target: Target, customers: number, timeoutMs: number): Promise<string[]> {
  const wanted = new Map(Array.from({ length: customers }, (_, i) => [customerNumber(i), i]));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids: string[] = [];
    let found = 0;
    for (const conversation of await listConversations(
      `http://127.0.0.1:${target.port}`,
      target.headers ?? {},
    )) {
      const customer = wanted.get(conversation.contact.waId ?? '');
      if (customer !== undefined && ids[customer] === undefined) {
        ids[customer] = conversation.id;
        found += 1;
      }
    }
    if (found === customers) return ids;
    if (Date.now() > deadline) throw new Error(`only ${found} of ${customers} conversations appeared`);
    await sleep(200);
  }
}

/** Maps items with at most `width` calls in flight; `worker` is the index of the lane (0…width-1). */
async function inParallel<T, R>(
  items: T[],
  width: number,
  fn: (item: T, index: number, worker: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async (_, worker) => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index, worker);
      }
    }),
  );
  return results;
}
