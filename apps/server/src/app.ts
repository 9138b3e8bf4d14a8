import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config/config-schema.js';
import { AgentTokens } from './auth/agent-token.js';
import { installAuth } from './http/auth.js';
import { installCors } from './http/cors.js';
import { installErrorHandling } from './http/error-handler.js';
import type { ChannelRegistry } from './ingest/channel-registry.js';
import type { WebhookIngest } from './ingest/webhook-ingest.js';
import { newId } from './lib/ids.js';
import type { Metrics } from './metrics/metrics.js';
import { conversationRoutes } from './modules/conversations/routes.js';
import { eventStreamRoutes } from './modules/events/stream-routes.js';
import { eventRoutes } from './modules/events/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { readRoutes } from './modules/sending/read-routes.js';
import { templateRoutes } from './modules/templates/routes.js';
import { sendingRoutes } from './modules/sending/routes.js';
import { ReadReceiptNotifier } from './modules/sending/read-receipt-notifier.js';
import type { ChannelProviders } from './providers/channel-providers.js';
import { TxBatcher } from './store/tx-batcher.js';
import { messageRoutes } from './modules/messages/routes.js';
import { mediaLinkRoutes, mediaRoutes } from './modules/media/routes.js';
import { MediaLinks } from './media/media-links.js';
import { receiverRoutes } from './modules/provider-webhooks/receiver-routes.js';
import { twilioWebhooks } from './providers/twilio/twilio-webhooks.js';
import { MediaFiles } from './media/media-files.js';
import { providerWebhookRoutes } from './modules/provider-webhooks/routes.js';
import { defaultRealtimeOptions, type RealtimeOptions } from './modules/realtime/realtime-options.js';
import { realtimeRoutes } from './modules/realtime/routes.js';
import { tokenRoutes } from './modules/tokens/routes.js';
import { metaWebhookRoutes } from './modules/webhooks-meta/routes.js';
import { WebhookReceiver } from './http/webhook-receiver.js';
import { d360Webhooks } from './providers/d360/d360-webhooks.js';
import { metaWebhooks } from './providers/meta/meta-webhooks.js';
import { frontDoor } from './http/front-door.js';
import { customProviderKey } from './config/config-schema.js';
import type { ProviderWebhooks } from './providers/provider-webhooks.js';
import { withTwilioRef } from './providers/twilio/twilio-ref.js';
import { inboxRoutes } from './modules/inbox/routes.js';
import type { EventHub } from './realtime/event-hub.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  config: Config;
  store: Store;
  registry: ChannelRegistry;
  ingest: WebhookIngest;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** The node's realtime fan-out (WebSocket, SSE and long-poll read through it). */
  hub: EventHub;
  /** Heartbeat intervals and limits of the realtime transports (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** Tells the outbox worker that a message was queued. */
  onQueued?: () => void;
  /** The Graph clients of the channels (read receipts, typing, media, templates). */
  providers: ChannelProviders;
  /** Media files under the data directory (default: one over `config.dataDir`). */
  mediaFiles?: MediaFiles;
  /** Signed links to media files for providers that fetch media (default: from the config). */
  mediaLinks?: MediaLinks;
  /** The built inbox (default: apps/inbox/dist/app beside this package); null serves none. */
  inboxDir?: string | null;
  /** The webhook adapters of the config file's custom providers, by stored provider name. */
  customWebhooks: ReadonlyMap<string, ProviderWebhooks>;
  /** Mounts more routes (demo mode: the built-in emulator and the phone simulator). */
  mount?: (app: FastifyInstance) => Promise<void>;
}

// The emulator and the phone page are mounted in demo mode only; they are not Switchboard's API.
const outsideApi = ['/emulator', '/phone'];

/**
 * The same relative place from src/ (tests) and dist/ (npm start): apps/inbox/dist/app. Null where
 * this module was not loaded from a file (a test in a browser-like environment).
 */
function defaultInboxDir(): string | null {
  const url = new URL('../../inbox/dist/app', import.meta.url);
  return url.protocol === 'file:' ? fileURLToPath(url) : null;
}

/** Builds the HTTP app without listening (tests use `inject`; main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, metrics } = deps;
  const tokens = new AgentTokens(config.tokenSecret);
  const receiverDeps = {
    registry: deps.registry,
    ingest: deps.ingest,
    metrics,
    log: deps.log,
    bodyLimit: config.webhookBodyLimitBytes,
  };
  const receiver = new WebhookReceiver({ ...receiverDeps, provider: 'meta', webhooks: metaWebhooks });
  const d360Receiver = new WebhookReceiver({
    ...receiverDeps,
    provider: '360dialog',
    webhooks: d360Webhooks,
  });
  // Twilio posts forms (not JSON), signs the public URL it called, and wants TwiML back.
  const twilioReceiver = new WebhookReceiver({
    ...receiverDeps,
    provider: 'twilio',
    webhooks: twilioWebhooks,
    body: 'form',
    stored: withTwilioRef,
    publicUrl: config.publicUrl,
    accepted: {
      contentType: 'text/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    },
  });
  // Each provider of the config file has its own endpoint, secret and body format.
  const customReceivers = [...(config.customProviders ?? [])].map(([name, definition]) => ({
    path: `/webhooks/custom/${name}`,
    receiver: new WebhookReceiver({
      ...receiverDeps,
      provider: customProviderKey(name),
      webhooks: deps.customWebhooks.get(customProviderKey(name))!,
      body: definition.receive.bodyFormat,
    }),
  }));
  const app = Fastify({
    serverFactory: frontDoor([
      { method: 'POST', path: '/webhooks/meta', handle: (req, res) => receiver.handle(req, res) },
      { method: 'POST', path: '/webhooks/360dialog', handle: (req, res) => d360Receiver.handle(req, res) },
      { method: 'POST', path: '/webhooks/twilio', handle: (req, res) => twilioReceiver.handle(req, res) },
      ...customReceivers.map(({ path, receiver: custom }) => ({
        method: 'POST',
        path,
        handle: custom.handle.bind(custom),
      })),
    ]),
    loggerInstance: deps.log,
    genReqId: () => newId('req_'),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await installCors(app, config.cors);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Switchboard API',
        version: '0.1.0',
        description:
          'Live WhatsApp for your own app. Authenticate with `Authorization: Bearer <API key | agent token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (input) =>
      outsideApi.some((prefix) => input.url.startsWith(prefix))
        ? { schema: { ...input.schema, hide: true }, url: input.url }
        : jsonSchemaTransform(input),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const receipts = new ReadReceiptNotifier({
    store,
    providers: deps.providers,
    log: deps.log,
    policy: config.readReceipts,
  });
  const realtime = { store, hub: deps.hub, options: { ...defaultRealtimeOptions, ...deps.realtime } };
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { store, metrics });
  await app.register(metaWebhookRoutes, { registry: deps.registry, metrics, receiver });
  await app.register(receiverRoutes, { path: '/webhooks/360dialog', receiver: d360Receiver });
  await app.register(receiverRoutes, { path: '/webhooks/twilio', receiver: twilioReceiver });
  for (const custom of customReceivers) await app.register(receiverRoutes, custom);
  const mediaFiles = deps.mediaFiles ?? new MediaFiles(config.dataDir);
  await app.register(mediaLinkRoutes, {
    store,
    files: mediaFiles,
    links: deps.mediaLinks ?? new MediaLinks(config.tokenSecret, config.publicUrl),
  });
  await app.register(async (v1) => {
    // Every /v1 route is authenticated; see http/auth.ts for the route options (?token=, API key only).
    installAuth(v1, { apiKey: config.apiKey, tokens });
    await v1.register(conversationRoutes, { store, registry: deps.registry });
    await v1.register(messageRoutes, { store });
    await v1.register(sendingRoutes, {
      store,
      batch: new TxBatcher(store),
      registry: deps.registry,
      onQueued: deps.onQueued ?? (() => {}),
      listsTemplates: (channelId) => deps.providers.get(channelId)?.listTemplates !== undefined,
      onReplied: (message) => receipts.replied({ id: message.conversationId, channelId: message.channelId }),
    });
    await v1.register(readRoutes, { store, providers: deps.providers, log: deps.log, receipts });
    await v1.register(templateRoutes, { store, providers: deps.providers, registry: deps.registry });
    await v1.register(eventRoutes, realtime);
    await v1.register(eventStreamRoutes, realtime);
    // In a scope of its own: the plugin hooks into every route of its scope, and only this one needs it.
    await v1.register(async (ws) => {
      // perMessageDeflate off: compressing every frame per connection costs more CPU and memory than
      // the bandwidth it saves on small JSON frames (and a shared frame could not be reused).
      await ws.register(websocket, { options: { perMessageDeflate: false, maxPayload: 64 * 1024 } });
      await ws.register(realtimeRoutes, realtime);
    });
    await v1.register(providerWebhookRoutes, { store });
    await v1.register(tokenRoutes, { tokens });
    await v1.register(mediaRoutes, { store, files: mediaFiles });
  });
  await app.register(inboxRoutes, {
    dir: deps.inboxDir === undefined ? defaultInboxDir() : deps.inboxDir,
    demo: config.demo,
    apiKey: config.apiKey,
    tokens,
  });
  if (deps.mount) await deps.mount(app);
  return app;
}
