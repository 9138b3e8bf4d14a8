import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullScope, type Scope } from '../auth/principal.js';
import { storeKinds } from '../test-support/test-databases.js';
import { streamAllows, type StreamFilter } from './stream-filter.js';
import {
  apiKeyHeaders,
  startRealtimeServer,
  type RealtimeTestServer,
} from './testing/realtime-test-server.js';
import { createClient, transports, type ResumingClient } from './testing/resuming-clients.js';

const customers = ['4915100000001', '4915100000002', '4915100000003'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One scripted step of the run: at `atMs`, destroy client `client`'s connection or restart the server. */
const disruption = fc.record({
  atMs: fc.integer({ min: 50, max: 1800 }),
  what: fc.oneof(fc.constant('restart' as const), fc.integer({ min: 0, max: 4 })),
});

/**
 * "Done when" of the realtime issue: clients read while events are appended at a steady rate and
 * are disconnected at random moments (socket destroyed, server restarted); every client's seqs
 * must be exactly the committed seqs of its scope, in order, no gap, no duplicate. Scopes include
 * conversations gaining and losing a ref during the run.
 */
describe.each(storeKinds)('resume on %s', (kind) => {
  let t: RealtimeTestServer | null = null;
  const clients: ResumingClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await t?.close();
  });

  it.each(transports)(
    'over %s: exactly the committed seqs of each scope',
    { timeout: 90_000 },
    async (transport) => {
      t = await startRealtimeServer(kind, { heartbeatMs: 200, protocolPingMs: 500 });
      const server = t;
      for (const customer of customers) await server.inbound(customer, 'first');
      const [a, b, c] = await Promise.all(customers.map((customer) => server.conversationIdOf(customer)));
      await server.setRefs(a!, ['CASE-1']);
      await server.setRefs(b!, ['CASE-2']);

      const scopes: { filter: StreamFilter; authorization: string }[] = [
        { filter: { scope: fullScope }, authorization: apiKeyHeaders.authorization },
        { filter: { scope: fullScope, conversationId: b! }, authorization: apiKeyHeaders.authorization },
        { filter: { scope: fullScope, ref: 'CASE-2' }, authorization: apiKeyHeaders.authorization },
        agentScope({ all: false, refs: ['CASE-1'], conversations: [] }),
        agentScope({ all: false, refs: [], conversations: [c!] }),
      ];
      const agentTokens = await Promise.all(
        scopes.map(async (s) =>
          s.filter.scope.all
            ? s.authorization
            : `Bearer ${await server.agentToken({ refs: [...s.filter.scope.refs], conversations: [...s.filter.scope.conversations] })}`,
        ),
      );
      for (const [i, s] of scopes.entries()) {
        clients.push(
          createClient(transport, {
            baseUrl: () => server.url,
            authorization: agentTokens[i]!,
            conversationId: s.filter.conversationId,
            ref: s.filter.ref,
          }).start(),
        );
      }

      await fc.assert(
        fc.asyncProperty(fc.array(disruption, { minLength: 3, maxLength: 12 }), async (plan) => {
          let restarting: Promise<void> = Promise.resolve();
          let writing = true;
          const writer = (async () => {
            for (let n = 0; writing; n++) {
              await restarting;
              if (n % 25 === 12)
                await server.setRefs(c!, ['CASE-1']); // c gains the agent's ref…
              else if (n % 25 === 24)
                await server.setRefs(c!, []); // …and loses it again
              else if (n % 40 === 30) await server.setRefs(a!, n % 80 === 30 ? [] : ['CASE-1']);
              else await server.inbound(customers[n % customers.length]!, `m${n}`);
              await sleep(4);
            }
          })();
          const started = Date.now();
          for (const step of [...plan].sort((x, y) => x.atMs - y.atMs)) {
            await sleep(Math.max(0, step.atMs - (Date.now() - started)));
            if (step.what === 'restart') {
              restarting = server.restart();
              await restarting;
            } else clients[step.what]!.disconnect();
          }
          await sleep(Math.max(0, 2000 - (Date.now() - started)));
          writing = false;
          await writer;

          const log = await server.allEvents();
          for (const [i, s] of scopes.entries()) {
            const expected = log.filter((e) => streamAllows(s.filter, e)).map((e) => e.seq);
            const client = clients[i]!;
            await vi.waitFor(() => expect(client.last).toBe(expected.at(-1)), {
              timeout: 15_000,
              interval: 20,
            });
            expect(client.problems, `client ${i}`).toEqual([]);
            expect(client.received, `client ${i}`).toEqual(expected);
          }
        }),
        { numRuns: 1, endOnFailure: true },
      );
      // The run really disrupted the clients.
      expect(clients.reduce((sum, client) => sum + client.connects, 0)).toBeGreaterThan(clients.length);
    },
  );
});

function agentScope(scope: Scope): { filter: StreamFilter; authorization: string } {
  return { filter: { scope }, authorization: '' };
}
