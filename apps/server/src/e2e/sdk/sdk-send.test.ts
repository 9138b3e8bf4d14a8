import { createClient, SwitchboardError, type SwitchboardClient } from '@switchboard/client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentTokens } from '../../auth/agent-token.js';
import { startServerWithEmulator, type ServerWithEmulator } from '../test-support/server-with-emulator.js';
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy.js';

const tokenSecret = 'e2e-token-secret-0123456789abcdef';

describe('sending with the SDK (real server, the emulator as WhatsApp)', () => {
  let h: ServerWithEmulator;
  let proxy: CuttingProxy;
  let client: SwitchboardClient;
  let customer = 0;
  beforeAll(async () => {
    h = await startServerWithEmulator('sqlite', { outbox: { pollMs: 50 } });
    proxy = await startCuttingProxy(() => Number(new URL(h.serverUrl).port));
    const tokens = new AgentTokens(tokenSecret);
    client = createClient({
      url: proxy.url,
      WebSocket: WebSocket as never,
      getToken: async () => (await tokens.mint({ sub: 'agent-7', all: true, ttlSeconds: 600 })).token,
    });
  });
  afterAll(async () => {
    client.close();
    await proxy.close();
    await h.close();
  });

  async function conversationWithCustomer() {
    const waId = `49157000000${String(++customer).padStart(2, '0')}`;
    h.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
    await h.settle();
    return { waId, id: (await h.conversationOf(waId)).id };
  }
  const bodiesAt = (waId: string) =>
    h.emulator.received(waId).map((item) => (item.message as { text?: { body?: string } }).text?.body);

  it('shows a send at once as queued, then replaces it in place with the server message', async () => {
    const { id } = await conversationWithCustomer();
    const view = client.messages(id);
    const stop = view.subscribe(() => {});
    await vi.waitFor(() => expect(view.getSnapshot().status).toBe('ready'));
    const { clientMessageId, done } = client.send(id, { type: 'text', text: { body: 'Shown at once' } });
    const shown = view.getSnapshot().messages.at(-1)!;
    expect(shown).toMatchObject({
      clientMessageId,
      status: 'queued',
      direction: 'outbound',
      content: { body: 'Shown at once' },
    });
    const message = await done;
    expect(message.clientMessageId).toBe(clientMessageId);
    await vi.waitFor(() => {
      const mine = view.getSnapshot().messages.filter((m) => m.clientMessageId === clientMessageId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.id).toBe(message.id);
    });
    stop();
  });

  it('sends exactly once when the answer to the POST is lost', async () => {
    const { waId, id } = await conversationWithCustomer();
    proxy.dropAnswerOf(/^POST \/v1\/conversations\/[^/]+\/messages /);
    const { clientMessageId, done } = client.send(id, { type: 'text', text: { body: 'Only once' } });
    const message = await done;
    expect(proxy.dropped).toBeGreaterThanOrEqual(1);
    expect(message.clientMessageId).toBe(clientMessageId);
    await h.server.outbox.settle();
    await h.settle();
    expect(bodiesAt(waId).filter((b) => b === 'Only once')).toHaveLength(1);
    const stored = (await h.messagesOf(waId)).filter((m) => m.clientMessageId === clientMessageId);
    expect(stored).toHaveLength(1);
  });

  it('turns a refused send into failed with the server error, and lets it be retried or discarded', async () => {
    const { id } = await conversationWithCustomer();
    const view = client.messages(id);
    const stop = view.subscribe(() => {});
    await vi.waitFor(() => expect(view.getSnapshot().status).toBe('ready'));
    // A reply to a message that is not in this conversation: 400 validation_failed.
    const { clientMessageId, done } = client.send(id, {
      type: 'text',
      text: { body: 'Refused' },
      replyTo: 'msg_00000000000000000000000000',
    });
    const error = await done.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, retryable: false });
    await vi.waitFor(() =>
      expect(view.getSnapshot().messages.at(-1)).toMatchObject({
        clientMessageId,
        status: 'failed',
        error: { code: 'validation_failed' },
      }),
    );
    const failed = view.getSnapshot().messages.at(-1)!;
    await expect(client.retry(failed)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(client.discard(view.getSnapshot().messages.at(-1)!)).toBe(true);
    await vi.waitFor(() =>
      expect(view.getSnapshot().messages.some((m) => m.clientMessageId === clientMessageId)).toBe(false),
    );
    stop();
  });

  it('refuses free text outside the window with window_closed', async () => {
    const conversation = await client.openConversation({ phone: '+49 157 0000 0099', ref: 'CASE-9' });
    expect(conversation.refs).toEqual(['CASE-9']);
    const { done } = client.send(conversation.id, { type: 'text', text: { body: 'Too late' } });
    await expect(done).rejects.toMatchObject({ code: 'window_closed', status: 409 });
  });

  it('uploads media and sends it', async () => {
    const { waId, id } = await conversationWithCustomer();
    const progress: number[] = [];
    const media = await client.uploadMedia(
      new Blob([Buffer.from('%PDF-1.4 a small document')], { type: 'application/pdf' }),
      {
        filename: 'offer.pdf',
        onProgress: (sent, total) => progress.push(sent / total),
      },
    );
    expect(media).toMatchObject({ id: expect.any(String), mimeType: 'application/pdf' });
    expect(progress.at(-1)).toBe(1);
    await client.send(id, { type: 'document', media: { id: media.id, filename: 'offer.pdf' } }).done;
    await h.server.outbox.settle();
    await h.settle();
    expect(
      h.emulator.received(waId).some((item) => (item.message as { type?: string }).type === 'document'),
    ).toBe(true);
  });
});
