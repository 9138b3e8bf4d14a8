import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createEmulator } from '@switchboard/emulator';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { exited, freePort, spawnServer } from '../test-support/spawn-server.js';

const business = {
  phoneNumberId: '106540352242999',
  accessToken: 'crash-access-token-0123456789',
  appSecret: 'crash-app-secret-0123456789',
  verifyToken: 'crash-verify',
};
const apiKey = 'crash-api-key-0123456789';
// Enough customers that none of them reaches WhatsApp's per-customer pace (the pair rate limit).
const customers = Array.from({ length: 60 }, (_, i) => `4916100000${String(i).padStart(3, '0')}`);

describe('a crash (SIGKILL) in the middle of a burst of sends', () => {
  it('sends every message that was answered 202 exactly once, counted at the emulator', async () => {
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    const emulator = createEmulator({
      appSecret: business.appSecret,
      verifyToken: business.verifyToken,
      webhookUrl: `${serverUrl}/webhooks/meta`,
      accessTokens: [{ token: business.accessToken }],
      businessNumbers: [{ phoneNumberId: business.phoneNumberId, displayPhoneNumber: '15550783999' }],
      // While the server is down, statuses wait and are delivered again soon after it is back.
      webhookRetryScheduleMs: Array.from({ length: 100 }, () => 200),
      phonePage: false,
    });
    const emulatorApp = Fastify({ logger: false });
    await emulatorApp.register(emulator.plugin);
    const emulatorUrl = await emulatorApp.listen({ host: '127.0.0.1', port: 0 });
    emulator.setPublicUrl(emulatorUrl);

    const dir = mkdtempSync(join(tmpdir(), 'switchboard-outbox-crash-'));
    const env = {
      PORT: String(port),
      SWITCHBOARD_DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'switchboard.db')}`,
      SWITCHBOARD_API_KEY: apiKey,
      SWITCHBOARD_TOKEN_SECRET: 'crash-token-secret-0123456789abcdef',
      WHATSAPP_PROVIDER: 'meta',
      META_APP_SECRET: business.appSecret,
      META_VERIFY_TOKEN: business.verifyToken,
      META_PHONE_NUMBER_ID: business.phoneNumberId,
      META_ACCESS_TOKEN: business.accessToken,
      META_GRAPH_URL: `${emulatorUrl}/v23.0`,
      // A short lease, so the restarted server takes over soon. The statuses of what was in flight
      // reach the new process only after its start and the emulator's next retry: the wait for
      // them must be longer than that, as it is by default (docs/sending.md).
      SWITCHBOARD_SEND_TIMEOUT_MS: '1000',
      SWITCHBOARD_SEND_RECONCILE_MS: '8000',
    };
    const first = await spawnServer(env);
    try {
      await emulator.start();
      for (const waId of customers) emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
      const conversations = await until(async () => {
        const page = (await api(serverUrl, '/v1/conversations?limit=100')) as { data: { id: string }[] };
        return page.data.length === customers.length ? page.data.map((c) => c.id) : undefined;
      });

      const accepted = new Set<string>();
      let next = 0;
      let killed = false;
      const senders = Array.from({ length: 8 }, async () => {
        while (!killed && next < 900) {
          const i = next++;
          const body = `Nachricht ${i}`;
          try {
            const r = await fetch(
              `${serverUrl}/v1/conversations/${conversations[i % conversations.length]}/messages`,
              {
                method: 'POST',
                headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
                body: JSON.stringify({ type: 'text', text: { body } }),
              },
            );
            if (r.status === 202) accepted.add(body);
          } catch {
            // The connection died with the process: never answered, so never promised.
          }
        }
      });
      // Kill once the outbox is well into the burst: some sent, some leased, some still queued.
      await until(() => (countReceived(emulator) >= 120 && accepted.size >= 300 ? true : undefined));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(senders);
      await exited(first.child);
      const receivedAtKill = countReceived(emulator);
      expect(receivedAtKill).toBeLessThan(accepted.size);

      const second = await spawnServer(env);
      try {
        await until(() => {
          const db = new SqliteDatabase(env.DATABASE_URL.slice('sqlite:'.length), { readonly: true });
          try {
            const open = db
              .prepare(`SELECT count(*) AS n FROM outbox WHERE state IN ('queued', 'sending', 'unconfirmed')`)
              .get() as { n: number };
            return open.n === 0 ? true : undefined;
          } finally {
            db.close();
          }
        }, 60_000);
        const counts = new Map<string, number>();
        for (const waId of customers) {
          for (const item of emulator.received(waId)) {
            const body = (item.message as { text?: { body?: string } }).text?.body ?? '';
            counts.set(body, (counts.get(body) ?? 0) + 1);
          }
        }
        expect([...accepted].filter((body) => !counts.has(body))).toEqual([]);
        expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
        const db = new SqliteDatabase(env.DATABASE_URL.slice('sqlite:'.length), { readonly: true });
        try {
          const failed = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'failed'`).get() as {
            n: number;
          };
          expect(failed.n).toBe(0);
        } finally {
          db.close();
        }
      } finally {
        second.child.kill('SIGTERM');
        await exited(second.child);
      }
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      await emulator.close();
      await emulatorApp.close();
    }
  }, 180_000);
});

function countReceived(emulator: ReturnType<typeof createEmulator>): number {
  return customers.reduce((sum, waId) => sum + emulator.received(waId).length, 0);
}

async function api(base: string, path: string): Promise<unknown> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return response.json();
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
