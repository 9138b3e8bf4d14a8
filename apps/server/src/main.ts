import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config/config-schema.js';
import { loggerOptions } from './http/logger-options.js';
import { ChannelRegistry } from './ingest/channel-registry.js';
import { InboxWorker } from './ingest/inbox-worker.js';
import { WebhookIngest } from './ingest/webhook-ingest.js';
import { Metrics } from './metrics/metrics.js';
import { normalizeMetaWebhook } from './providers/meta/normalize-webhook.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface Server {
  app: FastifyInstance;
  store: Store;
  config: Config;
  worker: InboxWorker;
  ingest: WebhookIngest;
  /** Stops taking requests, commits what was accepted, and closes the store. */
  close(): Promise<void>;
}

/**
 * The composition root: config → store (migrated) → channels → ingest and inbox worker → app.
 * The worker's first pass replays webhooks that were stored but not processed before a crash.
 */
export async function createServer(
  config: Config,
  options: { logger?: boolean; store?: Store } = {},
): Promise<Server> {
  const store = options.store ?? openStore(config.databaseUrl);
  await store.migrate();
  const entries = [];
  for (const channelConfig of config.channels) {
    const channel = await store.ensureChannel({
      provider: channelConfig.provider,
      phoneNumberId: channelConfig.phoneNumberId,
      name: channelConfig.name,
    });
    entries.push({ channel, config: channelConfig });
  }
  const registry = new ChannelRegistry(entries);
  const metrics = new Metrics({ collectDefaults: options.logger !== false });
  let lastSeq = await store.headSeq();
  store.onCommit((seq) => {
    metrics.eventsAppended.inc(Math.max(0, seq - lastSeq));
    lastSeq = Math.max(lastSeq, seq);
  });

  let worker: InboxWorker | null = null;
  const log = pino(options.logger === false ? { level: 'silent' } : loggerOptions(config.logLevel));
  const ingest = new WebhookIngest({ store, metrics, log, onStored: () => worker?.kick() });
  const app = await buildApp({ config, store, registry, ingest, metrics, log });
  worker = new InboxWorker({
    store,
    registry,
    metrics,
    log,
    normalize: (_provider, payload) => normalizeMetaWebhook(payload),
    receiverBusy: () => ingest.busy(),
  });
  worker.start();

  const running = worker;
  return {
    app,
    store,
    config,
    worker: running,
    ingest,
    async close() {
      await app.close();
      await ingest.idle();
      await running.stop();
      await store.close();
    },
  };
}
