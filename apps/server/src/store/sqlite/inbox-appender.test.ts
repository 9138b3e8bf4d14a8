import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteInboxAppender } from './inbox-appender.js';
import { openSqliteStore } from './open-sqlite-store.js';

const webhook = (n: number) => ({
  provider: 'meta',
  body: Buffer.from(`{"n":${n}}`),
  receivedAt: 1_750_000_000_000 + n,
  status: 'pending' as const,
});

describe('SqliteInboxAppender', () => {
  it('keeps what it answered for across a reopen of the database', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-appender-')), 'db.sqlite');
    const store = openSqliteStore(path);
    await store.migrate();
    const results = (await Promise.all([0, 1, 2].map((n) => store.appendWebhooks([webhook(n)])))).flat();
    const ids = results.map((r) => ('id' in r ? r.id : r.invalidJson));
    await store.close();
    const reopened = openSqliteStore(path);
    const stored = await Promise.all(ids.map((id) => reopened.getWebhook(id)));
    expect(stored.map((w) => w?.body.toString())).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
    await reopened.close();
  });

  it('rejects appends with a clear error when its thread cannot open the database, and recovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-appender-'));
    const running: boolean[] = [];
    const appender = new SqliteInboxAppender({
      databasePath: join(dir, 'missing', 'db.sqlite'),
      onThreadRunning: (r) => running.push(r),
    });
    await expect(appender.append([webhook(1)])).rejects.toThrow(/directory does not exist|unable to open/i);
    expect(running).toEqual([true, false]);
    // A new thread is started for the next append; it fails the same way, without hanging.
    await expect(appender.append([webhook(2)])).rejects.toThrow();
    await appender.close();
    await expect(appender.append([webhook(3)])).rejects.toThrow(/closed/);
  });

  it('refuses rows that are not pending: processed rows belong in a transaction', async () => {
    const appender = new SqliteInboxAppender({ databasePath: join(tmpdir(), 'unused.sqlite') });
    await expect(appender.append([{ ...webhook(1), status: 'processed' }])).rejects.toThrow(/pending/);
    await appender.close();
  });
});
