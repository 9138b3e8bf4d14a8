import type { Config } from '../config/config-schema.js';
import type { Store } from '../store/store.js';
import type { EventNotifier } from './event-notifier.js';
import { InProcessEventNotifier } from './in-process-notifier.js';
import { PostgresEventNotifier, type PostgresNotifierOptions } from './postgres-notifier.js';

/**
 * The notifier for the configured store: in-process on SQLite (one node per file), `LISTEN/NOTIFY`
 * on PostgreSQL, where other nodes may append to the same log. Not started: call `start()`.
 */
export function createEventNotifier(
  store: Store,
  config: Pick<Config, 'databaseUrl'>,
  options: Pick<PostgresNotifierOptions, 'log' | 'pollIntervalMs'> = {},
): EventNotifier {
  if (store.dialect === 'sqlite') return new InProcessEventNotifier(store);
  return new PostgresEventNotifier({ connectionString: config.databaseUrl, store, ...options });
}
