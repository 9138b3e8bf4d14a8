import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import { metaTextWebhook } from '../test-support/meta-text-webhook.js';
import {
  startTestServer,
  testApiKey,
  testTokenSecret,
  type TestServer,
} from '../test-support/test-server.js';
import { AgentTokens } from './agent-token.js';

/**
 * Every REST endpoint × every kind of credential, on both stores. In scope: the read succeeds.
 * Out of scope: exactly the answer a missing id gets (404, same code and message), never 403, and
 * lists hold only in-scope items. Scope follows refs as they change.
 */

type Name = 'c1' | 'c2' | 'c3' | 'c4';
const names: Name[] = ['c1', 'c2', 'c3', 'c4'];
const customers: Record<Name, string> = {
  c1: '4917000001',
  c2: '4917000002',
  c3: '4917000003',
  c4: '4917000004',
};
const initialRefs: Record<Name, string[]> = { c1: ['A'], c2: ['B'], c3: [], c4: ['A', 'B'] };

interface Grant {
  refs?: string[];
  conversations?: Name[];
  all?: true;
}
type AgentName = 'refA' | 'refB' | 'conv3' | 'all' | 'refZ';
const grants: Record<AgentName, Grant> = {
  refA: { refs: ['A'] },
  refB: { refs: ['B'] },
  conv3: { conversations: ['c3'] },
  all: { all: true },
  refZ: { refs: ['Z'] },
};
type Who = AgentName | 'apiKey';
const everyone: Who[] = ['apiKey', 'refA', 'refB', 'conv3', 'all', 'refZ'];

function envelope(waId: string, wamid: string, timestamp: number) {
  return metaTextWebhook({ waId, wamid, timestamp, body: 'Hallo', displayPhoneNumber: '1555' });
}

for (const kind of storeKinds) {
  describe(`authorization matrix (${kind})`, () => {
    let t: TestServer;
    const conversationIds = {} as Record<Name, string>;
    const messageIds = {} as Record<Name, string>;
    const refs: Record<Name, string[]> = structuredClone(initialRefs);
    const credentials = {} as Record<Who, string>;
    const nameOf = (id: string) => names.find((n) => conversationIds[n] === id) ?? id;

    beforeAll(async () => {
      t = await startTestServer(kind);
      const start = Math.floor(Date.now() / 1000) - 600;
      for (const [i, name] of names.entries()) {
        await t.postWebhook(envelope(customers[name], `wamid.MATRIX${i}`, start + i));
      }
      for (const name of names) {
        const list = await t.api(`/v1/conversations?q=${customers[name]}`);
        conversationIds[name] = list.json.data[0].id;
        const page = await t.api(`/v1/conversations/${conversationIds[name]}/messages`);
        messageIds[name] = page.json.data[0].id;
        await setRefs(name, initialRefs[name]);
      }
      credentials.apiKey = testApiKey;
      for (const [agent, grant] of Object.entries(grants) as [AgentName, Grant][]) {
        credentials[agent] = await t.mintToken({
          sub: agent,
          ...grant,
          ...(grant.conversations
            ? { conversations: grant.conversations.map((n) => conversationIds[n]) }
            : {}),
        });
      }
    });
    afterAll(() => t.close());

    async function call(method: 'GET' | 'PATCH' | 'POST', url: string, key: string | null, body?: object) {
      const response = await t.server.app.inject({
        method,
        url,
        headers: key === null ? {} : { authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { payload: body }),
      });
      return {
        status: response.statusCode,
        json: response.json(),
        headerNames: Object.keys(response.headers).sort(),
      };
    }

    async function setRefs(name: Name, next: string[]) {
      const r = await t.api(`/v1/conversations/${conversationIds[name]}`, {
        method: 'PATCH',
        body: { refs: next },
      });
      expect(r.status).toBe(200);
      refs[name] = next;
    }

    /** The model: who may see which conversation right now. */
    function sees(who: Who, name: Name): boolean {
      if (who === 'apiKey') return true;
      const grant = grants[who];
      if (grant.all) return true;
      if (grant.conversations?.includes(name)) return true;
      return refs[name].some((ref) => grant.refs?.includes(ref));
    }
    const visible = (who: Who) => names.filter((n) => sees(who, n)).sort();

    /** A 404 with the id replaced: must be the same for "out of scope" and "does not exist". */
    function shape(r: Awaited<ReturnType<typeof call>>, id: string) {
      return {
        status: r.status,
        code: r.json.error?.code,
        message: String(r.json.error?.message).replace(id, '<id>'),
        details: r.json.error?.details,
        keys: Object.keys(r.json.error ?? {}).sort(),
        headerNames: r.headerNames,
      };
    }

    const missing = {
      conversation: 'conv_00000000000000000000000000',
      message: 'msg_00000000000000000000000000',
    };

    async function expectNotFoundLikeMissing(
      method: 'GET' | 'PATCH',
      path: (id: string) => string,
      id: string,
      missingId: string,
      key: string,
      label: string,
      body?: object,
    ) {
      const outOfScope = await call(method, path(id), key, body);
      const absent = await call(method, path(missingId), key, body);
      expect(shape(outOfScope, id), label).toEqual(shape(absent, missingId));
      expect(outOfScope.status, label).toBe(404);
      expect(outOfScope.json.error.code, label).toBe('not_found');
    }

    async function listIds(key: string, query = ''): Promise<string[]> {
      const r = await call('GET', `/v1/conversations${query}`, key);
      expect(r.status).toBe(200);
      return (r.json.data as { id: string }[]).map((c) => nameOf(c.id)).sort();
    }

    /** Every cell for every valid credential, against the model. */
    async function checkMatrix() {
      for (const who of everyone) {
        const key = credentials[who];
        const mine = visible(who);

        expect(await listIds(key), `${who}: list`).toEqual(mine);
        // Paging one by one walks exactly the visible set and ends without a dangling cursor.
        const walked: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 10; guard++) {
          const query: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = await call('GET', `/v1/conversations${query}`, key);
          walked.push(...(page.json.data as { id: string }[]).map((c) => nameOf(c.id)));
          cursor = page.json.nextCursor;
          if (!cursor) break;
        }
        expect(walked.sort(), `${who}: paged list`).toEqual(mine);
        for (const ref of ['A', 'B', 'Z']) {
          const expected = mine.filter((n) => refs[n].includes(ref));
          expect(await listIds(key, `?ref=${ref}`), `${who}: list ref=${ref}`).toEqual(expected);
        }
        for (const name of names) {
          expect(await listIds(key, `?q=${customers[name]}`), `${who}: search ${name}`).toEqual(
            sees(who, name) ? [name] : [],
          );
        }

        for (const name of names) {
          const id = conversationIds[name];
          const messageId = messageIds[name];
          const label = `${who} → ${name}`;
          if (sees(who, name)) {
            const conversation = await call('GET', `/v1/conversations/${id}`, key);
            expect([conversation.status, conversation.json.id], label).toEqual([200, id]);
            expect(conversation.json.refs, label).toEqual(refs[name]);
            const messages = await call('GET', `/v1/conversations/${id}/messages`, key);
            expect(messages.status, label).toBe(200);
            expect(
              messages.json.data.map((m: { id: string }) => m.id),
              label,
            ).toEqual([messageId]);
            const message = await call('GET', `/v1/messages/${messageId}`, key);
            expect([message.status, message.json.conversationId], label).toEqual([200, id]);
            const timeline = await call('GET', `/v1/messages/${messageId}/timeline`, key);
            expect([timeline.status, timeline.json.messageId], label).toEqual([200, messageId]);
            if (kind === 'sqlite') {
              // PostgreSQL: see the `storeBug` test below.
              const patched = await call('PATCH', `/v1/conversations/${id}`, key, { assignee: who });
              expect([patched.status, patched.json.assignee], label).toEqual([200, who]);
            }
          } else {
            const conv = (cid: string) => `/v1/conversations/${cid}`;
            await expectNotFoundLikeMissing('GET', conv, id, missing.conversation, key, label);
            await expectNotFoundLikeMissing(
              'GET',
              (cid) => `${conv(cid)}/messages`,
              id,
              missing.conversation,
              key,
              `${label} messages`,
            );
            await expectNotFoundLikeMissing(
              'GET',
              (cid) => `${conv(cid)}/messages?before=${messageId}`,
              id,
              missing.conversation,
              key,
              `${label} messages before`,
            );
            await expectNotFoundLikeMissing(
              'GET',
              (mid) => `/v1/messages/${mid}`,
              messageId,
              missing.message,
              key,
              `${label} message`,
            );
            await expectNotFoundLikeMissing(
              'GET',
              (mid) => `/v1/messages/${mid}/timeline`,
              messageId,
              missing.message,
              key,
              `${label} timeline`,
            );
            await expectNotFoundLikeMissing('PATCH', conv, id, missing.conversation, key, `${label} assign`, {
              assignee: who,
            });
          }
          if (who !== 'apiKey') {
            // Refs decide scope: an agent may never change them, in scope or not, existing or not.
            for (const target of [id, missing.conversation]) {
              const r = await call('PATCH', `/v1/conversations/${target}`, key, { refs: ['A', 'B', 'Z'] });
              expect([r.status, r.json.error?.code], `${label} refs`).toEqual([403, 'forbidden']);
            }
          }
        }

        // Missing ids: 404 for everyone.
        for (const path of [
          `/v1/conversations/${missing.conversation}`,
          `/v1/conversations/${missing.conversation}/messages`,
          `/v1/messages/${missing.message}`,
          `/v1/messages/${missing.message}/timeline`,
        ]) {
          expect((await call('GET', path, key)).status, `${who} ${path}`).toBe(404);
        }

        // Backend-only endpoints.
        const inbox = await call('GET', '/v1/provider-webhooks', key);
        const minted = await call('POST', '/v1/tokens', key, { sub: 'mallory', all: true });
        if (who === 'apiKey') {
          expect([inbox.status, minted.status]).toEqual([200, 200]);
        } else {
          expect([inbox.status, inbox.json.error.code], `${who} inbox`).toEqual([403, 'forbidden']);
          expect([minted.status, minted.json.error.code], `${who} tokens`).toEqual([403, 'forbidden']);
        }
      }
      // Refs changed by the matrix itself are restored (agents were refused).
      for (const name of names) {
        expect((await t.api(`/v1/conversations/${conversationIds[name]}`)).json.refs).toEqual(refs[name]);
      }
    }

    it('gives every credential exactly its scope on every endpoint', async () => {
      expect(visible('refA')).toEqual(['c1', 'c4']);
      expect(visible('refB')).toEqual(['c2', 'c4']);
      expect(visible('conv3')).toEqual(['c3']);
      expect(visible('refZ')).toEqual([]);
      await checkMatrix();
    });

    it('follows refs: a conversation that gains ref A appears to the A agent, one that loses it disappears', async () => {
      const a = credentials.refA;
      expect((await call('GET', `/v1/conversations/${conversationIds.c3}`, a)).status).toBe(404);
      await setRefs('c3', ['A']);
      expect(await listIds(a)).toEqual(['c1', 'c3', 'c4']);
      expect((await call('GET', `/v1/conversations/${conversationIds.c3}`, a)).status).toBe(200);
      expect((await call('GET', `/v1/messages/${messageIds.c3}`, a)).status).toBe(200);

      await setRefs('c1', []);
      expect(await listIds(a)).toEqual(['c3', 'c4']);
      expect((await call('GET', `/v1/conversations/${conversationIds.c1}`, a)).status).toBe(404);
      expect((await call('GET', `/v1/conversations/${conversationIds.c1}/messages`, a)).status).toBe(404);
      expect((await call('GET', `/v1/messages/${messageIds.c1}`, a)).status).toBe(404);
      expect((await call('GET', `/v1/messages/${messageIds.c1}/timeline`, a)).status).toBe(404);

      await setRefs('c4', ['B']);
      await checkMatrix();
      for (const name of names) await setRefs(name, initialRefs[name]);
      await checkMatrix();
    });

    it('lets an agent set the assignee of a conversation in its scope', async () => {
      for (const who of ['refA', 'all', 'apiKey'] as const) {
        const r = await call('PATCH', `/v1/conversations/${conversationIds.c4}`, credentials[who], {
          assignee: who,
        });
        expect([r.status, r.json.assignee, r.json.refs]).toEqual([200, who, refs.c4]);
      }
      const unassigned = await call('PATCH', `/v1/conversations/${conversationIds.c4}`, credentials.refB, {
        assignee: null,
      });
      expect([unassigned.status, unassigned.json.assignee]).toEqual([200, null]);
    });

    it('refuses every bad credential with 401 on every endpoint, before looking anything up', async () => {
      const now = Math.floor(Date.now() / 1000);
      const key = new TextEncoder().encode(testTokenSecret);
      const good = await t.mintToken({ sub: 'eve', refs: ['A'] });
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const widened = Buffer.from(JSON.stringify({ sub: 'eve', exp: now + 3600, all: true })).toString(
        'base64url',
      );
      const flipped = signature.slice(0, 5) + (signature[5] === 'x' ? 'y' : 'x') + signature.slice(6);
      const bad: Record<string, { token: string | null; code: string }> = {
        expired: {
          token: await t.mintToken({ sub: 'eve', all: true, ttlSeconds: 60 }, Date.now() - 3600_000),
          code: 'token_expired',
        },
        'signature altered': { token: `${header}.${payload}.${flipped}`, code: 'unauthorized' },
        'payload altered': { token: `${header}.${widened}.${signature}`, code: 'unauthorized' },
        'wrong secret': {
          token: (
            await new AgentTokens('not-the-server-secret-0123456789').mint({
              sub: 'eve',
              all: true,
              ttlSeconds: 60,
            })
          ).token,
          code: 'unauthorized',
        },
        'alg none': {
          token: new UnsecuredJWT({ sub: 'eve', all: true }).setExpirationTime(now + 3600).encode(),
          code: 'unauthorized',
        },
        'no exp': {
          token: await new SignJWT({ sub: 'eve', all: true }).setProtectedHeader({ alg: 'HS256' }).sign(key),
          code: 'unauthorized',
        },
        'no token': { token: null, code: 'unauthorized' },
        'API key with a character missing': { token: testApiKey.slice(0, -1), code: 'unauthorized' },
      };
      const c1 = conversationIds.c1;
      const m1 = messageIds.c1;
      const requests: [method: 'GET' | 'PATCH' | 'POST', path: string, body?: object][] = [
        ['GET', '/v1/conversations'],
        ['GET', '/v1/conversations?ref=A'],
        ['GET', `/v1/conversations/${c1}`],
        ['GET', `/v1/conversations/${missing.conversation}`],
        ['GET', `/v1/conversations/${c1}/messages`],
        ['GET', `/v1/messages/${m1}`],
        ['GET', `/v1/messages/${missing.message}`],
        ['GET', `/v1/messages/${m1}/timeline`],
        ['PATCH', `/v1/conversations/${c1}`, { assignee: 'eve' }],
        ['PATCH', `/v1/conversations/${c1}`, { refs: ['Z'] }],
        ['GET', '/v1/events'],
        ['GET', '/v1/provider-webhooks'],
        ['POST', '/v1/tokens', { sub: 'eve', all: true }],
        ['POST', '/v1/tokens', { nonsense: true }],
      ];
      for (const [name, { token, code }] of Object.entries(bad)) {
        for (const [method, path, body] of requests) {
          const r = await call(method, path, token, body);
          expect([r.status, r.json.error?.code], `${name}: ${method} ${path}`).toEqual([401, code]);
        }
        // Not on the query string either, where the route did not opt in.
        if (token) expect((await call('GET', `/v1/conversations?token=${token}`, null)).status).toBe(401);
      }
      const valid = await t.mintToken({ sub: 'eve', all: true });
      expect((await call('GET', `/v1/conversations?token=${valid}`, null)).status).toBe(401);
      expect((await t.api(`/v1/conversations/${c1}`)).json.refs).toEqual(initialRefs.c1);
    });
  });
}
