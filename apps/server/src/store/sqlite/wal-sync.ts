import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes SQLite commits durable without blocking the event loop.
 *
 * The connection runs WAL with `synchronous=NORMAL`: a commit appends its frames to the `-wal` file
 * and returns without an fsync. SQLite itself syncs the WAL before every checkpoint and the WAL
 * header whenever the file is reused, so once the WAL file is fsynced, every transaction committed
 * before that fsync survives a power loss, exactly as with `synchronous=FULL`
 * (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html). The
 * fsync runs on libuv's thread pool, so the main thread keeps serving requests meanwhile.
 *
 * `sync()` resolves after an fsync that started after the call: commits that finish while an
 * fsync is running share the next one (group commit), so a burst costs two fsyncs, not one each.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private directorySynced = false;

  constructor(private readonly databasePath: string) {}

  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      // The running fsync may have started before the caller's commit reached the file.
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start();
        });
      return this.queued;
    }
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.fsyncWal().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async fsyncWal(): Promise<void> {
    let file;
    try {
      file = await open(`${this.databasePath}-wal`, 'r');
    } catch (err) {
      // No WAL file: the last connection checkpointed and removed it, which syncs the database.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      // fdatasync, as SQLite itself uses: it also flushes the file size a grown WAL needs.
      await file.datasync();
    } finally {
      await file.close();
    }
    if (!this.directorySynced) {
      // The WAL file was created by SQLite; its directory entry must be durable too.
      const directory = await open(dirname(this.databasePath), 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
      this.directorySynced = true;
    }
  }
}
