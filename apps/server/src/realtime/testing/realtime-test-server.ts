import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SwitchboardEvent } from '@switchboard/protocol';
import { AgentTokens, type AgentTokenGrant } from '../../auth/agent-token.js';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/config-schema.js';
import { createServer, type Server } from '../../main.js';
import type { RealtimeOptions } from '../../modules/realtime/realtime-options.js';
import type { Channel } from '../../store/store.js';
import { change, textMessage } from '../../test-support/inbound-fixtures.js';
import { createTestDatabaseUrl, type StoreKind } from '../../test-support/test-databases.js';
import { testApiKey, testPhoneNumberId } from '../../test-support/test-server.js';

const tokenSecret = 'realtime-token-secret-0123456789abcdef';

export type TestRealtimeOptions = Partial<RealtimeOptions> & { maxBufferedBytes?: number };

/**
 * A real server listening on loopback, with helpers to append events through its own store (so
 * its in-process notifier hears them) and to restart it on the same database and port.
 */
export interface RealtimeTestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly server: Server;
  /**
   * Appends the events of one inbound text message (creating the conversation the first time);
   * `timestamp` (epoch ms, default now) is when WhatsApp says the customer wrote it.
   */
  inbound(from: string, body?: string, timestamp?: number): Promise<void>;
  setRefs(conversationId: string, refs: string[]): Promise<void>;
  conversationIdOf(from: string): Promise<string>;
  /** Every event in the log, in seq order. */
  allEvents(): Promise<SwitchboardEvent[]>;
  agentToken(grant: Omit<AgentTokenGrant, 'sub' | 'ttlSeconds'> & { ttlSeconds?: number }): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const apiKeyHeaders = { authorization: `Bearer ${testApiKey}` };

export async function startRealtimeServer(
  kind: StoreKind,
  realtime: TestRealtimeOptions = {},
  env: Record<string, string> = {},
): Promise<RealtimeTestServer> {
  const config: Config = loadConfig({
    SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-realtime-')),
    DATABASE_URL: await createTestDatabaseUrl(kind),
    SWITCHBOARD_API_KEY: testApiKey,
    SWITCHBOARD_TOKEN_SECRET: tokenSecret,
    WHATSAPP_PROVIDER: 'meta',
    META_ACCESS_TOKEN: 'test-access-token',
    META_APP_SECRET: 'test-app-secret-0123456789',
    META_VERIFY_TOKEN: 'test-verify-token',
    META_PHONE_NUMBER_ID: testPhoneNumberId,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const tokens = new AgentTokens(tokenSecret);
  let port = 0;
  let server = await createServer(config, { logger: false, realtime });
  let channel: Channel;
  const listen = async () => {
    await server.app.listen({ host: '127.0.0.1', port });
    const address = server.app.server.address();
    port = typeof address === 'object' && address ? address.port : port;
    const channels = await server.store.listChannels();
    channel = channels.find((c) => c.phoneNumberId === testPhoneNumberId)!;
  };
  await listen();
  let closing: Promise<void> | null = null;
  const allEvents = async () => {
    const all: SwitchboardEvent[] = [];
    for (;;) {
      const page = await server.store.readEvents({ after: all.at(-1)?.seq ?? 0, limit: 1000 });
      all.push(...page);
      if (page.length < 1000) return all;
    }
  };
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}`;
    },
    get server() {
      return server;
    },
    async inbound(from, body = 'hello', timestamp = Date.now()) {
      const message = textMessage(from, body, { timestamp });
      const change_ = change({ phoneNumberId: testPhoneNumberId, messages: [message] });
      await server.store.transaction((tx) => tx.applyInbound(channel, change_, Date.now()));
    },
    async setRefs(conversationId, refs) {
      await server.store.transaction((tx) => tx.updateConversation(conversationId, { refs }, Date.now()));
    },
    async conversationIdOf(from) {
      const events = await allEvents();
      const event = events.find(
        (e) => e.type === 'conversation.created' && JSON.stringify(e.data).includes(from),
      );
      if (!event) throw new Error(`no conversation for ${from}`);
      return event.conversationId;
    },
    allEvents,
    async agentToken(grant) {
      return (await tokens.mint({ sub: 'agent', ttlSeconds: 3600, ...grant })).token;
    },
    async restart() {
      await server.close();
      server = await createServer(config, { logger: false, realtime });
      await listen();
    },
    close() {
      closing ??= server.close();
      return closing;
    },
  };
}
