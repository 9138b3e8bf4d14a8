import type { Message } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../test-support/test-databases.js';
import {
  apiKey,
  business,
  startServerWithEmulator,
  type ServerWithEmulator,
} from './test-support/server-with-emulator.js';

const gone = '4915400000099';
const hourMs = 3600_000;

// Each class of provider error, as the outbox meets it at the emulator: what slows down, what
// fails at once, what fails later, and what can be retried.
for (const kind of storeKinds) {
  describe(`provider errors while sending (${kind})`, () => {
    let h: ServerWithEmulator;
    let nextCustomer = 0;
    const outcomes: string[] = [];

    beforeAll(async () => {
      const now = Math.floor(Date.now() / 1000) * 1000;
      h = await startServerWithEmulator(kind, {
        emulator: {
          businessNumbers: [
            {
              phoneNumberId: business.phoneNumberId,
              displayPhoneNumber: business.displayPhoneNumber,
              wabaId: business.wabaId,
              verifiedName: 'Switchboard E2E',
              throughputPerSecond: 5,
            },
          ],
          pairRateLimit: { burst: 2, intervalMs: 6000 },
          customers: [{ waId: gone, name: 'Gone', undeliverable: true }],
          // Expires on the emulator's clock, which the last test moves past it.
          accessTokens: [{ token: business.accessToken, expiresAt: now + 30 * 24 * hourMs }],
        },
        outbox: {
          pollMs: 50,
          backoffBaseMs: 20,
          backoffCapMs: 100,
          pairLimitDelayMs: 100,
          onSent: (_entry, outcome) =>
            outcomes.push(outcome.kind === 'rejected' ? String(outcome.error.code) : outcome.kind),
        },
      });
      const synced = await call('POST', '/v1/templates/sync', {});
      expect(synced.status).toBe(200);
    });
    afterAll(() => h.close());

    async function call(method: string, path: string, body?: unknown) {
      const response = await fetch(`${h.serverUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as any };
    }

    async function customer(): Promise<{ waId: string; conversationId: string }> {
      const waId = `49154000000${String(++nextCustomer).padStart(2, '0')}`;
      h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      await h.settle();
      return { waId, conversationId: (await h.conversationOf(waId)).id };
    }

    const send = async (conversationId: string, body: unknown) =>
      (await call('POST', `/v1/conversations/${conversationId}/messages`, body)).json.message as Message;
    const text = (body: string) => ({ type: 'text', text: { body } });
    const helloWorld = { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } };

    async function drained(): Promise<void> {
      for (let i = 0; i < 200; i++) {
        await h.server.outbox.settle();
        await h.settle();
        if ((await h.server.store.countOpenOutbox()) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the outbox did not drain');
    }

    it('slows down on the throughput limit (130429) and fails nothing', async () => {
      const customers = await Promise.all(Array.from({ length: 12 }, () => customer()));
      const sent = await Promise.all(customers.map((c, i) => send(c.conversationId, text(`burst ${i}`))));
      h.clock.advance(1000);
      for (let i = 0; i < 40 && (await h.server.store.countOpenOutbox()) > 0; i++) {
        // The emulator's limit counts on its own clock: let its seconds pass as ours do.
        await new Promise((resolve) => setTimeout(resolve, 250));
        h.clock.advance(1000);
      }
      await drained();
      for (const message of sent) expect((await h.message(message.id)).status).not.toBe('failed');
      expect(outcomes).toContain('130429');
      for (const c of customers) expect(h.emulator.received(c.waId)).toHaveLength(1);
    });

    it('waits out the pair rate limit (131056) for that customer only, in order', async () => {
      outcomes.length = 0;
      const { waId, conversationId } = await customer();
      for (let i = 0; i < 4; i++) await send(conversationId, text(`pair ${i}`));
      for (let i = 0; i < 40 && (await h.server.store.countOpenOutbox()) > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        h.clock.advance(6000);
      }
      await drained();
      expect(outcomes).toContain('131056');
      const bodies = h.emulator.received(waId).map((item) => (item.message as any).text.body);
      expect(bodies).toEqual(['pair 0', 'pair 1', 'pair 2', 'pair 3']);
    });

    it('reports an undeliverable number (131026) on the message after acceptance', async () => {
      const message = await send((await openTo(gone)).id, helloWorld);
      await drained();
      await h.advance(2000);
      const failed = await h.message(message.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatchObject({ code: 131026, retryable: false });
    });

    it('lands an async 131047 on the right message when WhatsApp sees the window closed', async () => {
      const { conversationId } = await customer();
      h.clock.advance(25 * hourMs); // only the emulator's clock: our window is still open
      const message = await send(conversationId, text('zu spät'));
      await drained();
      await h.advance(2000);
      const failed = await h.message(message.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatchObject({ code: 131047 });
    });

    it('checks template sends against the synced definition, and fails a provider template error at once', async () => {
      const conversation = await openTo('4915400000077');
      const wrong = await call('POST', `/v1/conversations/${conversation.id}/messages`, {
        type: 'template',
        template: {
          name: 'hello_world',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'extra' }] }],
        },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error.message).toMatch(/hello_world/);
      const unknown = await call('POST', `/v1/conversations/${conversation.id}/messages`, {
        type: 'template',
        template: { name: 'no_such_template', language: { code: 'de' } },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.message).toMatch(/sync/);
      // Deleted at WhatsApp after our last sync: the provider refuses it, and a retry cannot help.
      const deleted = await fetch(
        `${h.emulatorUrl}/v23.0/${business.wabaId}/message_templates?name=hello_world`,
        {
          method: 'DELETE',
          headers: { authorization: `Bearer ${business.accessToken}` },
        },
      );
      expect(deleted.status).toBe(200);
      outcomes.length = 0;
      const message = await send(conversation.id, helloWorld);
      await drained();
      const failed = await h.message(message.id);
      expect(failed.status).toBe('failed');
      expect(String(failed.error?.code)).toMatch(/^132/);
      expect(failed.error?.retryable).toBe(false);
      expect(outcomes.filter((o) => o.startsWith('132'))).toHaveLength(1);
      expect((await call('POST', `/v1/messages/${message.id}/retry`)).status).toBe(409);
    });

    it('fails sends with an expired token (190) as retryable: fixing the token and retrying can help', async () => {
      const { waId, conversationId } = await customer();
      h.clock.advance(31 * 24 * hourMs);
      const message = await send(conversationId, text('Token?'));
      await drained();
      const failed = await h.message(message.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatchObject({ code: 190, retryable: true });
      expect(h.emulator.received(waId)).toHaveLength(0);
    });

    async function openTo(waId: string) {
      const response = await call('POST', '/v1/messages', { to: waId, ...helloWorld });
      expect(response.status).toBe(202);
      await drained();
      return h.api<{ id: string }>(`/v1/conversations/${response.json.message.conversationId}`);
    }
  });
}
