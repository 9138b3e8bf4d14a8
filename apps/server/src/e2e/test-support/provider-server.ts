import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { loadConfig } from '../../config/load-config.js';
import { createServer, type Server } from '../../main.js';
import { freePort } from '../../test-support/spawn-server.js';

export const providerServerApiKey = 'e2e-api-key-0123456789';

export interface ProviderServer {
  server: Server;
  /** The server's base URL, also its `SWITCHBOARD_PUBLIC_URL`. */
  base: string;
  /** Switchboard's API with the API key. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** Uploads a file with `POST /v1/media`; resolves with its media id. */
  upload(bytes: Buffer, mimeType: string, filename: string): Promise<string>;
  /** The conversation with this number, once it exists. */
  conversationOf(waId: string): Promise<{ id: string }>;
  /** The message, once it has this status. */
  statusOf(messageId: string, status: string): Promise<any>;
  close(): Promise<void>;
}

/**
 * A real Switchboard on loopback configured from `env` (the provider's variables), with its public
 * URL known before it starts (`base` may be handed to a provider's fake first) and its own data
 * directory, for a provider's end-to-end tests.
 */
export async function startProviderServer(
  env: (base: string) => Record<string, string>,
): Promise<ProviderServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    SWITCHBOARD_API_KEY: providerServerApiKey,
    SWITCHBOARD_TOKEN_SECRET: 'e2e-token-secret-0123456789abcdef',
    SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-provider-')),
    SWITCHBOARD_PUBLIC_URL: base,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...env(base),
  });
  const server = await createServer(config, { logger: false, outbox: { pollMs: 50 } });
  await server.app.listen({ host: '127.0.0.1', port });
  await server.afterListen(port);
  const api: ProviderServer['api'] = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${providerServerApiKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  const eventually = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 5000, interval: 25 });
  return {
    server,
    base,
    api,
    async upload(bytes, mimeType, filename) {
      const form = new FormData();
      form.set('file', new Blob([bytes], { type: mimeType }), filename);
      const response = await fetch(`${base}/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${providerServerApiKey}` },
        body: form,
      });
      if (response.status !== 200) throw new Error(`upload answered ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
    conversationOf: (waId) =>
      eventually(async () => {
        const found = (await api('GET', `/v1/conversations?q=${waId}`)).json.data[0];
        if (!found) throw new Error(`no conversation with ${waId} yet`);
        return found as { id: string };
      }),
    statusOf: (messageId, status) =>
      eventually(async () => {
        const message = (await api('GET', `/v1/messages/${messageId}`)).json;
        if (message?.status !== status)
          throw new Error(`message ${messageId} is ${message?.status}, not ${status}`);
        return message;
      }),
    close: () => server.close(),
  };
}
