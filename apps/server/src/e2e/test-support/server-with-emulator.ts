import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEmulator,
  ManualClock,
  type CreateEmulatorOptions,
  type Emulator,
  type TemplateDefinition,
  type WebhookDeliveryView,
} from '@switchboard/emulator';
import type { Conversation, Message, MessageType, TimelineEntry } from '@switchboard/protocol';
import type { WebhookMessagesChange } from '@switchboard/whatsapp';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/load-config.js';
import { createServer, type Server } from '../../main.js';
import { createTestDatabaseUrl, type StoreKind } from '../../test-support/test-databases.js';

/** The business number the emulator hosts and the server's channel is configured for. */
export const business = {
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  wabaId: '102290129340398',
  accessToken: 'e2e-access-token-0123456789',
  appSecret: 'e2e-app-secret-0123456789',
  verifyToken: 'e2e-verify-token',
} as const;

export const apiKey = 'e2e-api-key-0123456789';

/**
 * The phone's status steps one emulator-second apart, so each status has its own Unix-seconds
 * timestamp and the timeline order is the true order whatever order the webhooks arrive in.
 */
export const statusDelaysMs = { sent: 1000, delivered: 2000, read: 3000, played: 1000 } as const;

/** A template with quick-reply buttons, for the customer's `button` replies. */
export const appointmentTemplate: TemplateDefinition = {
  name: 'appointment_reminder',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'BODY', text: 'Your appointment is tomorrow at {{1}}.' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Confirm' },
        { type: 'QUICK_REPLY', text: 'Reschedule' },
      ],
    },
  ],
};

/** A message as the server's outbox will send it: what it stores, and the Cloud API send body. */
export interface OutboundSpec {
  type: MessageType;
  /** The content the server stores for it. */
  content: Record<string, unknown>;
  /** The type's part of the send body, e.g. `{ text: { body: 'Hi' } }`. */
  send: Record<string, unknown>;
}

export interface ServerWithEmulator {
  readonly kind: StoreKind;
  readonly server: Server;
  readonly emulator: Emulator;
  /** The emulator's clock: status progression, the 24-hour window and retries move only with it. */
  readonly clock: ManualClock;
  readonly serverUrl: string;
  readonly emulatorUrl: string;
  /** The emulator's own log lines (webhook failures and retries). */
  readonly emulatorLog: { level: string; message: string }[];

  /** Waits until the emulator has nothing in flight or due, then until the server processed it all. */
  settle(): Promise<void>;
  /** Moves the emulator's clock (running due status steps and retries), then settles. */
  advance(ms: number): Promise<void>;

  /** `GET` on the server's API with the API key; throws unless 200. */
  api<T>(path: string): Promise<T>;
  conversationOf(waId: string): Promise<Conversation>;
  messagesOf(waId: string): Promise<Message[]>;
  messageByWamid(waId: string, wamid: string): Promise<Message>;
  message(id: string): Promise<Message>;
  timeline(id: string): Promise<TimelineEntry[]>;

  /** A call to the emulator's Graph API with the channel's access token. */
  graph(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Uploads media through `POST /{phone-number-id}/media`; returns its id. */
  uploadMedia(bytes: Buffer, mimeType: string, filename: string): Promise<string>;

  /** The outbox's first step: the message in the store, before the provider has seen it. */
  createOutbound(waId: string, spec: OutboundSpec): Promise<Message>;
  /** The outbox's second step: the send through the Graph API; returns the wamid. */
  graphSend(waId: string, spec: OutboundSpec): Promise<string>;
  /** The outbox's last step: the provider's id recorded on the message. */
  recordProviderId(messageId: string, wamid: string): Promise<Message>;
  /** All three steps in order, as the outbox will do them. */
  outboxSend(waId: string, spec: OutboundSpec): Promise<{ message: Message; wamid: string }>;

  /** Resolves with `check()` once it is defined, re-checked on every change of the emulator's state. */
  untilEmulator<T>(check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The emulator's deliveries whose body carries a status of `wamid`, in delivery-log order. */
  statusDeliveriesOf(wamid: string): { delivery: WebhookDeliveryView; statuses: string[] }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The app secret the server is configured with (default: the emulator's). */
  serverAppSecret?: string;
  /** The verify token the emulator sends in the handshake (default: the server's). */
  emulatorVerifyToken?: string;
  /** More environment for the server's config (`SWITCHBOARD_READ_RECEIPTS`, …). */
  env?: Record<string, string>;
  /** Start the emulator (handshake, then delivery); default true. */
  start?: boolean;
  emulator?: Partial<CreateEmulatorOptions>;
  /** Outbox tunables for the server (createServer's `outbox` option). */
  outbox?: Parameters<typeof createServer>[1] extends infer O
    ? O extends { outbox?: infer X }
      ? X
      : never
    : never;
  /** Media download tunables for the server (createServer's `media` option). */
  media?: Parameters<typeof createServer>[1] extends infer O
    ? O extends { media?: infer X }
      ? X
      : never
    : never;
}

/**
 * The real server (createServer, a fresh database, listening on loopback) and a real emulator on
 * its own Fastify instance on another loopback port, with the server's `/webhooks/meta` as its
 * webhook URL. The emulator runs on a {@link ManualClock} starting now (on a whole second), so the
 * tests decide when statuses happen; the server keeps real time.
 */
export async function startServerWithEmulator(
  kind: StoreKind,
  options: HarnessOptions = {},
): Promise<ServerWithEmulator> {
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const emulatorLog: { level: string; message: string }[] = [];
  let serverUrl = '';
  const emulator = createEmulator({
    appSecret: business.appSecret,
    verifyToken: options.emulatorVerifyToken ?? business.verifyToken,
    webhookUrl: () => `${serverUrl}/webhooks/meta`,
    accessTokens: [{ token: business.accessToken }],
    businessNumbers: [
      {
        phoneNumberId: business.phoneNumberId,
        displayPhoneNumber: business.displayPhoneNumber,
        wabaId: business.wabaId,
        verifiedName: 'Switchboard E2E',
      },
    ],
    templates: [appointmentTemplate],
    clock,
    statusDelaysMs,
    phonePage: false,
    onLog: (entry) => emulatorLog.push(entry),
    ...options.emulator,
  });
  const emulatorApp: FastifyInstance = Fastify({ logger: false });
  await emulatorApp.register(emulator.plugin);
  const emulatorUrl = await listen(emulatorApp);
  emulator.setPublicUrl(emulatorUrl);

  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    DATABASE_URL: await createTestDatabaseUrl(kind),
    HOST: '127.0.0.1',
    PORT: '0',
    SWITCHBOARD_API_KEY: apiKey,
    SWITCHBOARD_TOKEN_SECRET: 'e2e-token-secret-0123456789abcdef',
    WHATSAPP_PROVIDER: 'meta',
    META_ACCESS_TOKEN: business.accessToken,
    META_APP_SECRET: options.serverAppSecret ?? business.appSecret,
    META_VERIFY_TOKEN: business.verifyToken,
    META_PHONE_NUMBER_ID: business.phoneNumberId,
    META_WABA_ID: business.wabaId,
    META_GRAPH_URL: `${emulatorUrl}/v23.0`,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const server = await createServer(config, { logger: false, outbox: options.outbox, media: options.media });
  serverUrl = await listen(server.app);

  const close = async () => {
    await emulator.close();
    await emulatorApp.close();
    await server.close();
  };
  if (options.start ?? true) {
    try {
      await emulator.start();
    } catch (err) {
      await close();
      throw err;
    }
  }

  const settle = async () => {
    await emulator.webhooksIdle();
    await server.worker.settle();
  };

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${serverUrl}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const conversationOf = async (waId: string) => {
    const page = await api<{ data: Conversation[] }>(`/v1/conversations?q=${waId}`);
    const conversation = page.data.find((c) => c.contact.waId === waId);
    if (!conversation) throw new Error(`no conversation with ${waId}`);
    return conversation;
  };
  const messagesOf = async (waId: string) => {
    const conversation = await conversationOf(waId);
    const page = await api<{ data: Message[]; nextCursor: string | null }>(
      `/v1/conversations/${conversation.id}/messages?limit=200`,
    );
    if (page.nextCursor !== null) throw new Error('more than 200 messages: page further');
    return page.data;
  };
  const messageByWamid = async (waId: string, wamid: string) => {
    const found = (await messagesOf(waId)).filter((m) => m.providerMessageId === wamid);
    if (found.length !== 1) throw new Error(`${found.length} messages with ${wamid}`);
    return found[0]!;
  };

  const graph = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${emulatorUrl}/v23.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${business.accessToken}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() };
  };

  const graphSend = async (waId: string, spec: OutboundSpec) => {
    const { status, json } = await graph('POST', `/${business.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: waId,
      type: spec.type,
      ...spec.send,
    });
    const wamid = (json as { messages?: { id?: unknown }[] }).messages?.[0]?.id;
    if (status !== 200 || typeof wamid !== 'string') {
      throw new Error(`Graph send answered ${status}: ${JSON.stringify(json)}`);
    }
    return wamid;
  };
  const createOutbound = async (waId: string, spec: OutboundSpec) => {
    const conversation = await conversationOf(waId);
    return server.store.transaction((tx) =>
      tx.createOutboundMessage({
        conversationId: conversation.id,
        type: spec.type,
        content: spec.content,
        clientMessageId: null,
        sentBy: 'e2e',
        providerMessageId: null,
        status: 'sending',
        now: Date.now(),
      }),
    );
  };
  const recordProviderId = async (messageId: string, wamid: string) => {
    const updated = await server.store.transaction((tx) =>
      tx.setProviderMessageId(messageId, wamid, Date.now()),
    );
    if (!updated) throw new Error(`no message ${messageId}`);
    return updated;
  };

  return {
    kind,
    server,
    emulator,
    clock,
    serverUrl,
    emulatorUrl,
    emulatorLog,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    api,
    conversationOf,
    messagesOf,
    messageByWamid,
    message: (id) => api<Message>(`/v1/messages/${id}`),
    timeline: async (id) => (await api<{ data: TimelineEntry[] }>(`/v1/messages/${id}/timeline`)).data,
    graph,
    async uploadMedia(bytes, mimeType, filename) {
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', mimeType);
      form.append('file', new Blob([bytes], { type: mimeType }), filename);
      const response = await fetch(`${emulatorUrl}/v23.0/${business.phoneNumberId}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${business.accessToken}` },
        body: form,
      });
      const json = (await response.json()) as { id?: unknown };
      if (response.status !== 200 || typeof json.id !== 'string') {
        throw new Error(`media upload answered ${response.status}: ${JSON.stringify(json)}`);
      }
      return json.id;
    },
    createOutbound,
    graphSend,
    recordProviderId,
    async outboxSend(waId, spec) {
      const created = await createOutbound(waId, spec);
      const wamid = await graphSend(waId, spec);
      return { message: await recordProviderId(created.id, wamid), wamid };
    },
    untilEmulator(check, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        let unsubscribe = () => {};
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`the emulator did not reach the expected state within ${timeoutMs} ms`));
        }, timeoutMs);
        const test = () => {
          const value = check();
          if (value === undefined) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(value);
        };
        unsubscribe = emulator.subscribe(test);
        test();
      });
    },
    statusDeliveriesOf(wamid) {
      return emulator
        .webhooks()
        .map((delivery) => ({
          delivery,
          statuses: delivery.body.entry
            .flatMap((entry) => entry.changes)
            .flatMap((change) =>
              change.field === 'messages' ? ((change as WebhookMessagesChange).value.statuses ?? []) : [],
            )
            .filter((status) => status.id === wamid)
            .map((status) => status.status),
        }))
        .filter((d) => d.statuses.length > 0);
    },
    close,
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
