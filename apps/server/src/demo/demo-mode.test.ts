import type { MetaChannelConfig } from '../config/config-schema.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createServer, type Server } from '../main.js';

/** Polls until `check` returns a value (the webhook travels over HTTP and is processed after its 200). */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('demo mode', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function startDemo() {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
    const config = loadConfig({
      SWITCHBOARD_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    expect(config.demo).toBe(true);
    server = await createServer(config, { logger: false });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await server.afterListen(port);
    const base = `http://127.0.0.1:${port}`;
    const api = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
      });
      return { status: response.status, json: (await response.json()) as any };
    };
    return { base, api, config };
  }

  it('a simulated customer speaks on the built-in emulator and the message reaches the API', async () => {
    const { base, api } = await startDemo();
    const sent = await fetch(`${base}/emulator/_control/customers/4915123456789/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', text: { body: 'Grüße 👋 is my loan approved?' } }),
    });
    expect(sent.status).toBe(201);
    const { id: wamid } = (await sent.json()) as { id: string };

    const conversation = await eventually(async () => {
      const { json } = await api('/v1/conversations');
      return json.data[0];
    });
    expect(conversation.contact).toMatchObject({ waId: '4915123456789', profileName: 'Anna Weber' });
    const { json: messages } = await api(`/v1/conversations/${conversation.id}/messages`);
    expect(messages.data[0]).toMatchObject({
      providerMessageId: wamid,
      direction: 'inbound',
      type: 'text',
      content: { body: 'Grüße 👋 is my loan approved?' },
    });
  });

  it('an agent answers through the API and the simulated customer gets it, ticks included', async () => {
    const { base, api } = await startDemo();
    await fetch(`${base}/emulator/_control/customers/4917612345678/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', text: { body: 'Hallo?' } }),
    });
    const conversation = await eventually(async () => (await api('/v1/conversations')).json.data[0]);
    const sent = await api(`/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ type: 'text', text: { body: 'Guten Tag, Herr Yılmaz!' } }),
    });
    expect(sent.status).toBe(202);
    const thread = await eventually(async () => {
      const response = await fetch(`${base}/emulator/_control/customers/4917612345678/thread`);
      const json = (await response.json()) as { items: { direction: string; preview: string }[] };
      return json.items.some((item) => item.preview === 'Guten Tag, Herr Yılmaz!') ? json : undefined;
    });
    expect(thread.items.filter((item) => item.direction === 'out')).toHaveLength(1);
    const delivered = await eventually(async () => {
      const message = (await api(`/v1/messages/${sent.json.message.id}`)).json;
      return ['sent', 'delivered', 'read'].includes(message.status) ? message : undefined;
    });
    expect(delivered.providerMessageId).toMatch(/^wamid\./);
  });

  it('serves the phone simulator at /phone and keeps the emulator out of the API description', async () => {
    const { base } = await startDemo();
    const page = await fetch(`${base}/phone/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('data-control-base="/emulator/_control"');
    const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(
      Object.keys(spec.paths).filter((p) => p.startsWith('/emulator') || p.startsWith('/phone')),
    ).toEqual([]);
  });

  it('answers Graph calls at /emulator with the demo channel token, in Meta error shape otherwise', async () => {
    const { base, config } = await startDemo();
    const channel = config.channels[0] as MetaChannelConfig;
    const ok = await fetch(`${base}/emulator/v23.0/${channel.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${channel.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '15551234567',
        type: 'text',
        text: { body: 'Hi' },
      }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).messages[0].id).toMatch(/^wamid\./);
    const denied = await fetch(`${base}/emulator/v23.0/${channel.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as any).error.code).toBe(190);
  });
});
