import { closeSync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `WalSync`'s rule (wal-sync.ts: a commit under `synchronous=NORMAL` is durable once the WAL file
 * is synced after it) for a thread that may block: the sync runs in the caller's thread, on a file
 * descriptor kept open. The WAL file is never replaced while a connection to the database is open
 * (SQLite only deletes it when the last one closes), and a sync applies to the file, not the
 * descriptor, so one descriptor serves every commit of that connection's life.
 *
 * Syncing after COMMIT rather than inside it (`synchronous=FULL`) releases the write lock before the
 * disk is waited for, so the other connection's transactions do not queue behind the fsync.
 */
export class BlockingWalSync {
  private fd: number | null = null;

  constructor(private readonly databasePath: string) {}

  /** Call after a commit on a connection that is still open. */
  sync(): void {
    if (this.fd === null) {
      try {
        this.fd = openSync(`${this.databasePath}-wal`, 'r');
      } catch (err) {
        // No WAL file: everything is in the database file, synced when the WAL was removed.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      // The first sync also makes the WAL's directory entry durable (SQLite created the file).
      const directory = openSync(dirname(this.databasePath), 'r');
      try {
        fsyncSync(directory);
      } finally {
        closeSync(directory);
      }
    }
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
