import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaJsonStringify } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { AgentTokens, type AgentTokenGrant } from '../auth/agent-token.js';
import { loadConfig } from '../config/load-config.js';
import { createServer, type Server } from '../main.js';
import { createTestDatabaseUrl, type StoreKind } from './test-databases.js';

export const testApiKey = 'test-api-key-0123456789';
export const testAppSecret = 'test-app-secret-0123456789';
export const testVerifyToken = 'test-verify-token';
export const testTokenSecret = 'test-token-secret-0123456789abcdef';
export const testPhoneNumberId = '106540352242922';

export interface TestServer {
  server: Server;
  /**
   * POSTs a webhook body (an object is serialized the way Meta does) signed with the app secret,
   * then waits until the inbox worker has processed what is due (`settle: false` skips the wait).
   */
  postWebhook(
    body: unknown,
    options?: { signature?: string | null; headers?: Record<string, string>; settle?: boolean },
  ): Promise<{
    status: number;
    json: unknown;
  }>;
  /** Calls the API with the test API key (or `key`). */
  api(
    path: string,
    options?: { method?: 'GET' | 'PATCH' | 'POST'; body?: unknown; key?: string | null },
  ): Promise<{
    status: number;
    json: any;
  }>;
  /**
   * An agent token signed with the server's secret (as the app's backend would mint it); pass it
   * to `api` as `key`. `ttlSeconds` defaults to an hour; `now` (epoch ms) back-dates it.
   */
  mintToken(
    grant: Omit<AgentTokenGrant, 'ttlSeconds'> & { ttlSeconds?: number },
    now?: number,
  ): Promise<string>;
  close(): Promise<void>;
}

/** A real server (real store, real ingest and worker) driven through `inject`. */
export async function startTestServer(
  kind: StoreKind = 'sqlite',
  env: Record<string, string> = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-server-'));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    DATABASE_URL: await createTestDatabaseUrl(kind),
    SWITCHBOARD_API_KEY: testApiKey,
    SWITCHBOARD_TOKEN_SECRET: testTokenSecret,
    WHATSAPP_PROVIDER: 'meta',
    META_ACCESS_TOKEN: 'test-access-token',
    META_APP_SECRET: testAppSecret,
    META_VERIFY_TOKEN: testVerifyToken,
    META_PHONE_NUMBER_ID: testPhoneNumberId,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await createServer(config, { logger: false });
  return {
    server,
    async postWebhook(body, options = {}) {
      const raw = Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : metaJsonStringify(body));
      const signature =
        options.signature === undefined ? signMetaPayload(raw, testAppSecret) : options.signature;
      const response = await server.app.inject({
        method: 'POST',
        url: '/webhooks/meta',
        payload: raw,
        headers: {
          'content-type': 'application/json',
          ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
          ...options.headers,
        },
      });
      if (options.settle !== false) await server.worker.settle();
      return { status: response.statusCode, json: safeJson(response.body) };
    },
    async api(path, options = {}) {
      const key = options.key === undefined ? testApiKey : options.key;
      const response = await server.app.inject({
        method: options.method ?? 'GET',
        url: path,
        headers: key === null ? {} : { authorization: `Bearer ${key}` },
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      return { status: response.statusCode, json: safeJson(response.body) };
    },
    async mintToken(grant, now) {
      const tokens = new AgentTokens(server.config.tokenSecret, now === undefined ? {} : { now: () => now });
      return (await tokens.mint({ ttlSeconds: 3600, ...grant })).token;
    },
    close: () => server.close(),
  };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
