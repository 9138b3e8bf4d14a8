import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createEmulator } from '@switchboard/emulator';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { startFakeChirp } from '../providers/custom/test-support/fake-chirp.js';
import { chirpEnv, workedExampleConfig } from '../providers/custom/test-support/worked-example.js';
import { d360Env, startD360Front } from '../providers/d360/test-support/d360-front.js';
import { startFakeTwilio, twilioEnv } from '../providers/twilio/test-support/fake-twilio.js';
import { exited, freePort, spawnServer } from '../test-support/spawn-server.js';

const apiKey = 'crash-api-key-0123456789';
// Enough customers that none of them reaches WhatsApp's per-customer pace (the pair rate limit).
const customers = Array.from({ length: 60 }, (_, i) => `4916100000${String(i).padStart(3, '0')}`);
// While the server is down, statuses wait and are delivered again soon after it is back.
const retrySchedule = Array.from({ length: 100 }, () => 200);

/**
 * A provider for the crash: the server's settings for it, customers writing through it (which
 * opens their windows), and the texts it received from us. Each one either delivers a failed
 * webhook again and echoes our message id in its statuses, or can be asked what it received
 * (Twilio): that is what lets a restarted server confirm a send whose answer it never read
 * instead of sending it twice (docs/sending.md).
 */
interface CrashProvider {
  env: Record<string, string>;
  customerWrites(waId: string): Promise<void>;
  receivedTexts(): string[];
  close(): Promise<void>;
}

const providers: { name: string; start: (serverUrl: string) => Promise<CrashProvider> }[] = [
  {
    name: 'Meta (the emulator)',
    async start(serverUrl) {
      const business = { phoneNumberId: '106540352242999', token: 'crash-access-token-0123456789' };
      const secret = 'crash-app-secret-0123456789';
      const emulator = createEmulator({
        appSecret: secret,
        verifyToken: 'crash-verify',
        webhookUrl: `${serverUrl}/webhooks/meta`,
        accessTokens: [{ token: business.token }],
        businessNumbers: [{ phoneNumberId: business.phoneNumberId, displayPhoneNumber: '15550783999' }],
        webhookRetryScheduleMs: retrySchedule,
        phonePage: false,
      });
      const app = Fastify({ logger: false });
      await app.register(emulator.plugin);
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      emulator.setPublicUrl(url);
      let started = false;
      return {
        env: {
          WHATSAPP_PROVIDER: 'meta',
          META_APP_SECRET: secret,
          META_VERIFY_TOKEN: 'crash-verify',
          META_PHONE_NUMBER_ID: business.phoneNumberId,
          META_ACCESS_TOKEN: business.token,
          META_GRAPH_URL: `${url}/v23.0`,
        },
        async customerWrites(waId) {
          // The handshake needs the server up: the first customer starts the emulator.
          if (!started) await emulator.start();
          started = true;
          emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
        },
        receivedTexts: () => customers.flatMap((waId) => emulator.received(waId).map(textOf)),
        async close() {
          await emulator.close();
          await app.close();
        },
      };
    },
  },
  {
    name: '360dialog (the emulator behind its front)',
    async start() {
      const front = await startD360Front({
        apiKey: 'crash-d360-api-key-0123',
        phoneNumberId: '106540352242360',
        customers: customers.map((waId) => ({ waId, name: `Kunde ${waId}` })),
        webhookRetryScheduleMs: retrySchedule,
      });
      return {
        env: d360Env(front, 'crash-d360-webhook-token-0123456789'),
        async customerWrites(waId) {
          // The server registers its webhook URL with 360dialog just after it starts listening.
          await until(() => front.registered() ?? undefined);
          front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: 'Hallo' } });
        },
        receivedTexts: () => customers.flatMap((waId) => front.emulator.emulator.received(waId).map(textOf)),
        close: () => front.close(),
      };
    },
  },
  {
    // Twilio echoes no reference and delivers no callback again: the outbox asks Twilio's
    // message list whether an unconfirmed attempt arrived before it sends it again.
    name: 'Twilio (a fake that checks its wire format)',
    async start(serverUrl) {
      const twilio = await startFakeTwilio({});
      twilio.webhookUrl = `${serverUrl}/webhooks/twilio`;
      return {
        env: twilioEnv(twilio),
        customerWrites: async (waId) => {
          await twilio.customerWrites(waId, 'Hallo');
        },
        receivedTexts: () => twilio.sent.map((m) => m.form.Body ?? ''),
        close: () => twilio.close(),
      };
    },
  },
  {
    name: 'custom (the worked example, against a fake Chirp)',
    async start(serverUrl) {
      const chirp = await startFakeChirp({ webhookRetries: 100, webhookRetryMs: 200 });
      chirp.webhookUrl = `${serverUrl}/webhooks/custom/chirp`;
      const path = join(mkdtempSync(join(tmpdir(), 'switchboard-crash-chirp-')), 'switchboard.config.json');
      writeFileSync(path, workedExampleConfig());
      return {
        env: { WHATSAPP_PROVIDER: 'custom', SWITCHBOARD_CONFIG: path, ...chirpEnv(chirp) },
        customerWrites: async (waId) => {
          await chirp.customerWrites(waId, 'Hallo');
        },
        receivedTexts: () =>
          chirp.sent.map((m) => (m.request.content.kind === 'text' ? m.request.content.text : '')),
        close: () => chirp.close(),
      };
    },
  },
];

const textOf = (item: { message: unknown }) =>
  (item.message as { text?: { body?: string } }).text?.body ?? '';

describe.each(providers)('a crash (SIGKILL) in the middle of a burst of sends through $name', ({ start }) => {
  it('sends every message that was answered 202 exactly once, counted at the provider', async () => {
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    const provider = await start(serverUrl);
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-outbox-crash-'));
    const env = {
      PORT: String(port),
      SWITCHBOARD_PUBLIC_URL: serverUrl,
      SWITCHBOARD_DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'switchboard.db')}`,
      SWITCHBOARD_API_KEY: apiKey,
      SWITCHBOARD_TOKEN_SECRET: 'crash-token-secret-0123456789abcdef',
      ...provider.env,
      // A short lease, so the restarted server takes over soon. The statuses of what was in flight
      // reach the new process only after its start and the provider's next retry: the wait for
      // them must be longer than that, as it is by default (docs/sending.md).
      SWITCHBOARD_SEND_TIMEOUT_MS: '1000',
      SWITCHBOARD_SEND_RECONCILE_MS: '8000',
    };
    const first = await spawnServer(env);
    try {
      for (const waId of customers) await provider.customerWrites(waId);
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
      await until(() => (provider.receivedTexts().length >= 120 && accepted.size >= 300 ? true : undefined));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(senders);
      await exited(first.child);
      expect(provider.receivedTexts().length).toBeLessThan(accepted.size);

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
        for (const body of provider.receivedTexts()) counts.set(body, (counts.get(body) ?? 0) + 1);
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
      await provider.close();
    }
  }, 180_000);
});

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
