import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, freePort, spawnServer } from '../test-support/spawn-server.js';
import { providerWebhookSamples } from '../test-support/provider-webhook-samples.js';

const providers = providerWebhookSamples();

describe.each(providers)('a crash (SIGKILL) while $name webhooks are being posted', (provider) => {
  it('loses no webhook that was answered 200 and stores each exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
    const port = String(await freePort());
    const env = {
      SWITCHBOARD_DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'switchboard.db')}`,
      SWITCHBOARD_API_KEY: 'crash-api-key-0123456789',
      SWITCHBOARD_TOKEN_SECRET: 'crash-token-secret-0123456789abcdef',
      // Both runs on one address: Twilio signs the public URL.
      PORT: port,
      SWITCHBOARD_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...provider.env,
    };
    const first = await spawnServer(env);
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    // Eight concurrent senders; the process is killed while they are mid-flight.
    const senders = Array.from({ length: 8 }, async () => {
      while (!killed && next < 20_000) {
        const w = provider.post(next++, first.url);
        try {
          const r = await fetch(`${first.url}${w.path}`, {
            method: 'POST',
            headers: w.headers,
            body: w.body,
          });
          if (r.status === 200) acknowledged.push(w.id);
        } catch {
          // the connection died with the process: not acknowledged, Meta would retry
        }
      }
    });
    const waitFor = async (count: number) => {
      while (acknowledged.length < count) await new Promise((r) => setTimeout(r, 10));
    };
    await waitFor(300);
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    await exited(first.child);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    // Restart on the same database; the inbox worker replays anything stored but not processed.
    const second = await spawnServer(env);
    const deadline = Date.now() + 20_000;
    let pending = -1;
    while (Date.now() < deadline) {
      const r = await fetch(`${second.url}/v1/provider-webhooks?status=pending&limit=1`, {
        headers: { authorization: `Bearer ${env.SWITCHBOARD_API_KEY}` },
      });
      pending = ((await r.json()) as { counts: { pending: number } }).counts.pending;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(pending).toBe(0);

    const db = new SqliteDatabase(env.DATABASE_URL.slice('sqlite:'.length), { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT provider_message_id AS id, count(*) AS n FROM messages GROUP BY provider_message_id`)
        .all() as { id: string; n: number }[];
      const counts = new Map(rows.map((r) => [r.id, r.n]));
      const missing = acknowledged.filter((id) => !counts.has(id));
      expect(missing).toEqual([]);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      const events = db.prepare('SELECT seq FROM events ORDER BY seq').all() as { seq: number }[];
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    } finally {
      db.close();
    }
  }, 120_000);
});
