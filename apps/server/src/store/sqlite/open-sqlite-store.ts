import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { Database } from '../schema.js';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import { SqliteInboxAppender } from './inbox-appender.js';
import { withStatementCache } from './statement-cache.js';
import { WalSync } from './wal-sync.js';

/**
 * SQLite in WAL mode. Commits are durable when `transaction` resolves, which the webhook receiver
 * relies on before it answers 200: the WAL is fsynced off the main thread after the commit
 * (`WalSync`), so an fsync never stalls the event loop and concurrent commits share one. Raw
 * webhooks are appended by a thread with its own connection (`SqliteInboxAppender`).
 */
export function openSqliteStore(path: string): KyselyStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  // NORMAL skips the fsync inside COMMIT; WalSync performs it asynchronously before we report the
  // commit as done, which gives FULL's durability (see wal-sync.ts).
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
  });
  if (path === ':memory:') return new KyselyStore(db, 'sqlite');
  const walSync = new WalSync(path);
  const appender = new SqliteInboxAppender({
    databasePath: path,
    // While the append thread runs, it checkpoints the WAL, so that a checkpoint's fsync never
    // stalls the event loop; without it, this connection checkpoints as SQLite does by default.
    onThreadRunning: (running) => {
      if (database.open) database.pragma(`wal_autocheckpoint = ${running ? 0 : 1000}`);
    },
  });
  return new KyselyStore(db, 'sqlite', {
    afterCommit: () => walSync.sync(),
    appendWebhooks: (webhooks, options) => appender.append(webhooks, options),
    closeDriver: async () => {
      await appender.close();
      await db.destroy();
    },
  });
}
