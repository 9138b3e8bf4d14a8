import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs more than running the
 * small statements the store issues (a fifth of ingest CPU in the benchmark's profile). The store
 * builds the same SQL text over and over, so prepared statements are kept by their text. Reusing a
 * better-sqlite3 statement is safe here: execution is synchronous, one statement at a time.
 */
export function withStatementCache(database: SqliteDatabase, maxStatements = 500): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Move to the back: the Map's order doubles as least-recently-used order.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= maxStatements) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
