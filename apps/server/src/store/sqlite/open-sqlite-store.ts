import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { Database } from '../schema.js';
import { withStatementCache } from './statement-cache.js';

/**
 * SQLite in WAL mode with `synchronous=FULL`: a commit is on disk when it returns, which the
 * webhook receiver relies on before it answers 200. Callers group many webhooks into one
 * transaction so that they share one fsync.
 */
export function openSqliteStore(path: string): KyselyStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return new KyselyStore(db, 'sqlite');
}
