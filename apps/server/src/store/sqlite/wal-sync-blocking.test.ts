import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BlockingWalSync } from './wal-sync-blocking.js';

describe('BlockingWalSync', () => {
  it('does nothing when there is no WAL file, then syncs the one SQLite creates', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wal-sync-blocking-')), 'db.sqlite');
    const sync = new BlockingWalSync(path);
    expect(() => sync.sync()).not.toThrow();
    const db = new SqliteDatabase(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    // One descriptor for every later commit: the WAL file stays while the connection is open.
    for (let i = 0; i < 3; i++) {
      db.prepare('INSERT INTO t VALUES (?)').run(i);
      expect(() => sync.sync()).not.toThrow();
    }
    sync.close();
    db.close();
  });

  it('reports a sync that cannot run instead of passing it for "no WAL file"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-sync-blocking-'));
    writeFileSync(join(dir, 'not-a-dir'), 'a file');
    expect(() => new BlockingWalSync(join(dir, 'not-a-dir', 'db.sqlite')).sync()).toThrow(/ENOTDIR/);
  });
});
