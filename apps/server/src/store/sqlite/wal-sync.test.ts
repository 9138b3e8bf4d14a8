import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.js';

describe('WalSync', () => {
  it('resolves when there is no WAL file (nothing left to sync)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    await expect(new WalSync(join(dir, 'db.sqlite')).sync()).resolves.toBeUndefined();
  });

  it('lets a call made during an fsync wait for the next one, shared by every such call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    const path = join(dir, 'db.sqlite');
    writeFileSync(`${path}-wal`, 'frames');
    const sync = new WalSync(path);
    const order: string[] = [];
    const first = sync.sync().then(() => order.push('first'));
    const second = sync.sync().then(() => order.push('second'));
    const third = sync.sync().then(() => order.push('third'));
    await Promise.all([first, second, third]);
    // The first fsync may have begun before the later callers' commits; they share the next one.
    expect(order[0]).toBe('first');
    expect(order.slice(1).sort()).toEqual(['second', 'third']);
  });

  it('reports an fsync that cannot run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    // The parent is a file: opening fails with ENOTDIR, which must not pass for "no WAL file".
    const path = join(dir, 'missing-dir', 'db.sqlite');
    writeFileSync(join(dir, 'missing-dir'), 'not a directory');
    await expect(new WalSync(path).sync()).rejects.toThrow();
  });
});
