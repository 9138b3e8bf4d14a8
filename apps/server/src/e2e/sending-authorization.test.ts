import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  apiKey,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

// Sending under agent tokens: only in scope, out of scope exactly like missing, the sender
// recorded; and a failed, retryable message sent again on request.
for (const kind of storeKinds) {
  describe(`sending with agent tokens, and retrying (${kind})`, () => {
    let h: ServerWithEmulator;
    let mine = '';
    let theirs = '';
    let agent = '';

    beforeAll(async () => {
      h = await startServerWithEmulator(kind, { outbox: { pollMs: 50, maxAttempts: 2, backoffBaseMs: 10 } });
      for (const waId of ['4915600000001', '4915600000002']) {
        h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      }
      await h.settle();
      mine = (await h.conversationOf('4915600000001')).id;
      theirs = (await h.conversationOf('4915600000002')).id;
      await call('PATCH', `/v1/conversations/${mine}`, apiKey, { refs: ['CASE-1'] });
      agent = (await call('POST', '/v1/tokens', apiKey, { sub: 'petra', refs: ['CASE-1'] })).json.token;
    });
    afterAll(() => h.close());

    async function call(method: string, path: string, credential: string, body?: unknown) {
      const response = await fetch(`${h.serverUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${credential}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    }
    const text = { type: 'text', text: { body: 'Guten Tag' } };

    it('sends in scope as the agent, and answers out of scope exactly as for a missing conversation', async () => {
      const sent = await call('POST', `/v1/conversations/${mine}/messages`, agent, text);
      expect(sent.status).toBe(202);
      expect(sent.json.message.sentBy).toBe('petra');
      const outOfScope = await call('POST', `/v1/conversations/${theirs}/messages`, agent, text);
      const missing = await call('POST', '/v1/conversations/conv_missing/messages', agent, text);
      expect(outOfScope.status).toBe(404);
      expect(outOfScope.json.error.code).toBe(missing.json.error.code);
      expect(outOfScope.json.error.message.replace(theirs, 'X')).toBe(
        missing.json.error.message.replace('conv_missing', 'X'),
      );
      for (const path of [`/v1/conversations/${theirs}/read`, `/v1/conversations/${theirs}/typing`]) {
        expect((await call('POST', path, agent, path.endsWith('read') ? {} : undefined)).status).toBe(404);
      }
      await h.server.outbox.settle();
    });

    it('lets an agent open a conversation by number only under one of its refs', async () => {
      const template = { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } };
      await call('POST', '/v1/templates/sync', apiKey, {});
      const noRef = await call('POST', '/v1/messages', agent, { to: '4915600000009', ...template });
      expect(noRef.status).toBe(403);
      const otherRef = await call('POST', '/v1/messages', agent, {
        to: '4915600000009',
        ref: 'CASE-2',
        ...template,
      });
      expect(otherRef.status).toBe(403);
      const withRef = await call('POST', '/v1/messages', agent, {
        to: '4915600000009',
        ref: 'CASE-1',
        ...template,
      });
      expect(withRef.status).toBe(202);
      const conversation = await call(
        'GET',
        `/v1/conversations/${withRef.json.message.conversationId}`,
        agent,
      );
      expect(conversation.json.refs).toEqual(['CASE-1']);
      await h.server.outbox.settle();
    });

    it('never pulls an existing customer into an agent’s scope, and writes nothing for a refused send', async () => {
      const template = { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } };
      // 4915600000002 talks to another case: the agent's ref must not be added to it.
      const taken = await call('POST', '/v1/messages', agent, {
        to: '4915600000002',
        ref: 'CASE-1',
        ...template,
      });
      expect(taken.status).toBe(404);
      expect((await call('GET', `/v1/conversations/${theirs}`, apiKey)).json.refs).toEqual([]);
      // Free text to a number that never wrote is refused before anything exists.
      const before = (await call('GET', '/v1/conversations?limit=100', apiKey)).json.data.length;
      const refused = await call('POST', '/v1/messages', agent, {
        to: '4915600000010',
        ref: 'CASE-1',
        type: 'text',
        text: { body: 'Hallo' },
      });
      expect(refused.status).toBe(409);
      expect((await call('GET', '/v1/conversations?limit=100', apiKey)).json.data.length).toBe(before);
    });

    it('keeps template sync to the backend, and lets agents read templates', async () => {
      expect((await call('POST', '/v1/templates/sync', agent, {})).status).toBe(403);
      const templates = await call('GET', '/v1/templates', agent);
      expect(templates.status).toBe(200);
      expect(templates.json.data.map((t: { name: string }) => t.name)).toContain('hello_world');
    });

    it('retries a message that failed with a retryable error, and only then', async () => {
      h.emulator.setFaults({ sendErrorRate: 1 });
      const sent = await call('POST', `/v1/conversations/${mine}/messages`, agent, {
        type: 'text',
        text: { body: 'Nochmal' },
      });
      for (let i = 0; i < 100 && (await h.message(sent.json.message.id)).status !== 'failed'; i++) {
        await h.server.outbox.settle();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const failed = await h.message(sent.json.message.id);
      expect(failed).toMatchObject({ status: 'failed', error: { retryable: true } });
      const failedCount = async () =>
        (await call('GET', `/v1/conversations/${mine}`, apiKey)).json.failedCount;
      expect(await failedCount()).toBe(1); // the list's failed badge
      h.emulator.setFaults({ sendErrorRate: 0 });
      expect((await call('POST', `/v1/messages/${sent.json.message.id}/retry`, apiKey)).status).toBe(202);
      expect(await failedCount()).toBe(0);
      await h.server.outbox.settle();
      const retried = await h.message(sent.json.message.id);
      expect(retried.status).toBe('accepted');
      expect(h.emulator.received('4915600000001').map((i) => (i.message as any).text?.body)).toContain(
        'Nochmal',
      );
      expect((await call('POST', `/v1/messages/${sent.json.message.id}/retry`, apiKey)).status).toBe(409);
    });
  });
}
