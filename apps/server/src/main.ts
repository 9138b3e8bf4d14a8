import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { createDemoEmulator, type DemoEmulator } from './demo/demo-emulator.js';
import { seedDemoHistory } from './demo/demo-history.js';
import { syncTemplates } from './templates/template-sync.js';
import {
  channelNumber,
  channelProviderKey,
  type Config,
  type MetaChannelConfig,
} from './config/config-schema.js';
import { loggerOptions } from './http/logger-options.js';
import { ChannelRegistry } from './ingest/channel-registry.js';
import { InboxWorker } from './ingest/inbox-worker.js';
import { MediaDownloadWorker, type MediaDownloadWorkerOptions } from './media/media-download-worker.js';
import { MediaFiles } from './media/media-files.js';
import { MediaLinks } from './media/media-links.js';
import { mediaSendPreparer } from './media/media-send-preparer.js';
import { ProviderMediaResolver } from './media/provider-media-resolver.js';
import { ChannelProviders } from './providers/channel-providers.js';
import { OutboxWorker, type OutboxTunable, type OutboxWorkerOptions } from './outbox/outbox-worker.js';
import { WebhookIngest } from './ingest/webhook-ingest.js';
import { Metrics } from './metrics/metrics.js';
import { registerD360Webhooks } from './providers/d360/register-webhooks.js';
import { webhookNormalizer } from './providers/webhook-normalizer.js';
import { customProviderWebhooks } from './providers/custom/custom-webhooks.js';
import type { RealtimeOptions } from './modules/realtime/realtime-options.js';
import { createEventNotifier } from './realtime/create-event-notifier.js';
import { EventHub } from './realtime/event-hub.js';
import { RetentionPruner } from './realtime/retention-pruner.js';
import type { EventNotifier } from './realtime/event-notifier.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface Server {
  app: FastifyInstance;
  store: Store;
  config: Config;
  worker: InboxWorker;
  /** Sends what the send API queued. */
  outbox: OutboxWorker;
  /** Downloads inbound media (docs/media.md). */
  media: MediaDownloadWorker;
  ingest: WebhookIngest;
  /** The node's realtime fan-out over the event log. */
  hub: EventHub;
  /** Demo mode only: the built-in emulator serving the demo channel. */
  demo: DemoEmulator | null;
  /** Call once listening on `port`: starts what needs the server reachable (the demo emulator). */
  afterListen(port: number): Promise<void>;
  /** Demo mode: settles once the demo customers' history is in (at once when there is none). */
  demoHistory(): Promise<void>;
  /** Settles once 360dialog channels registered their webhook URL (or failed to), with the failed ids. */
  webhookRegistration(): Promise<string[]>;
  /** Stops taking requests, commits what was accepted, and closes the store. */
  close(): Promise<void>;
}

/**
 * The composition root: config → store (migrated) → channels → ingest and inbox worker → app.
 * The worker's first pass replays webhooks that were stored but not processed before a crash.
 */
export async function createServer(
  config: Config,
  options: {
    logger?: boolean;
    store?: Store;
    /** Overrides the notifier chosen for the store (createEventNotifier). */
    notifier?: EventNotifier;
    realtime?: Partial<RealtimeOptions> & { maxBufferedBytes?: number };
    /** Outbox tunables (tests shorten the waits). */
    outbox?: Partial<Pick<OutboxWorkerOptions, OutboxTunable>> & { sendTimeoutMs?: number };
    /** Demo mode: give a new database a few customers with a short history (`npm start` does). */
    demoHistory?: boolean;
    /** Media download tunables (tests shorten the waits). */
    media?: Partial<
      Pick<
        MediaDownloadWorkerOptions,
        'pollMs' | 'maxAttempts' | 'backoffBaseMs' | 'backoffCapMs' | 'leaseMs'
      >
    >;
  } = {},
): Promise<Server> {
  const store = options.store ?? openStore(config.databaseUrl);
  await store.migrate();
  const entries = [];
  for (const channelConfig of config.channels) {
    const channel = await store.ensureChannel({
      provider: channelProviderKey(channelConfig),
      phoneNumberId: channelNumber(channelConfig),
      name: channelConfig.name,
    });
    entries.push({ channel, config: channelConfig });
  }
  const registry = new ChannelRegistry(entries, config.customProviders);
  // One webhook adapter per declared provider: the receivers verify with it, the worker normalizes.
  const customWebhooks = customProviderWebhooks(config.customProviders);
  const metrics = new Metrics({ collectDefaults: options.logger !== false });
  let lastSeq = await store.headSeq();
  store.onCommit((seq) => {
    metrics.eventsAppended.inc(Math.max(0, seq - lastSeq));
    lastSeq = Math.max(lastSeq, seq);
  });

  const log = pino(options.logger === false ? { level: 'silent' } : loggerOptions(config.logLevel));
  // The receiver kicks the inbox worker after each commit (both only run once started, below).
  const ingest = new WebhookIngest({ store, metrics, log, onStored: () => worker.kick() });
  // One reader of the event log per node; the notifier tells it when the log may have grown.
  const notifier = options.notifier ?? createEventNotifier(store, config, { log });
  const hub = new EventHub({ store, notifier, log, maxBufferedBytes: options.realtime?.maxBufferedBytes });
  await hub.start();
  // Demo mode has exactly one channel, a Meta one pointed at the in-process emulator (load-config.ts).
  const demoChannel = config.demo ? (config.channels[0] as MetaChannelConfig) : undefined;
  const demo = demoChannel ? createDemoEmulator(demoChannel, log) : null;
  const sendTimeoutMs = options.outbox?.sendTimeoutMs ?? config.sendTimeoutMs;
  const mediaLinks = new MediaLinks(config.tokenSecret, config.publicUrl);
  const providers = new ChannelProviders(registry, {
    customProviders: config.customProviders,
    timeoutMs: sendTimeoutMs,
    publicUrl: config.publicUrl,
    mediaLinks,
  });
  const mediaFiles = new MediaFiles(config.dataDir);
  const providerFor = (channelId: string) => providers.get(channelId);
  const outbox = new OutboxWorker({
    store,
    log,
    providerFor,
    prepareSend: mediaSendPreparer(
      store,
      new ProviderMediaResolver({ store, files: mediaFiles, providerFor }),
    ),
    ratePerSecond: (channelId) => providers.ratePerSecond(channelId),
    // An attempt owns its entry for twice the send timeout: a live attempt never loses it.
    leaseMs: 2 * sendTimeoutMs,
    reconcileMs: config.sendReconcileMs,
    // A webhook that keeps failing (a custom provider's expression that cannot read it) must not
    // hold unconfirmed sends back for ever: after a few failures it no longer counts as backlog.
    inboxBacklog: () => store.countWebhooks('pending', { attemptsBelow: 3 }),
    ...options.outbox,
  });
  const media = new MediaDownloadWorker({ store, files: mediaFiles, providerFor, log, ...options.media });
  const worker = new InboxWorker({
    onMediaApplied: () => media.kick(),
    store,
    registry,
    metrics,
    log,
    normalize: webhookNormalizer(customWebhooks),
    arrivalRate: () => ingest.arrivalRate(),
  });
  const app = await buildApp({
    customWebhooks,
    mediaFiles,
    mediaLinks,
    onQueued: () => outbox.kick(),
    providers,
    config,
    store,
    registry,
    ingest,
    metrics,
    log,
    hub,
    realtime: options.realtime,
    mount: demo ? (target) => demo.mount(target) : undefined,
  });
  worker.start();
  outbox.start();
  media.start();
  // Several nodes may prune at once: deletes of a prefix of the log are idempotent.
  const pruner = new RetentionPruner({ store, retentionDays: config.eventRetentionDays, log });
  pruner.start();

  let history: Promise<void> = Promise.resolve();
  let registration: Promise<string[]> = Promise.resolve([]);
  return {
    app,
    store,
    config,
    worker,
    outbox,
    media,
    ingest,
    hub,
    demo,
    async afterListen(port) {
      // The emulator reaches the server over loopback, whatever address it listens on.
      const host = ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(config.host)
        ? '127.0.0.1'
        : config.host;
      const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      if (demoChannel) providers.setGraphUrl(demoChannel.phoneNumberId, `${base}/emulator/v23.0`);
      await demo?.start(base);
      // In the background: 360dialog may take a while, and a failure must not stop the server.
      registration = registerD360Webhooks(registry, providers, config.publicUrl, log);
      if (demo && demoChannel) {
        const channel = registry.entries()[0]!.channel;
        await syncTemplates(store, providers, channel.id, Date.now());
        // In the background: the server is ready at once, the history follows within a second.
        if (options.demoHistory === true) {
          history = seedDemoHistory({
            emulator: demo.emulator,
            app,
            store,
            apiKey: config.apiKey,
            log,
          }).catch((err: unknown) => log.warn({ err }, 'demo mode: the demo history could not be written'));
        }
      }
    },
    demoHistory: () => history,
    webhookRegistration: () => registration,
    async close() {
      await history;
      await registration;
      await demo?.close();
      // Streams first: open SSE responses and long-polls would otherwise hold app.close() open.
      await hub.close();
      await app.close();
      await ingest.idle();
      await outbox.stop();
      await media.stop();
      await worker.stop();
      await pruner.stop();
      providers.close();
      await store.close();
    },
  };
}
