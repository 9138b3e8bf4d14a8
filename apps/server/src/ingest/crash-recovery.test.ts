import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { metaJsonStringify } from '@switchboard/whatsapp';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../providers/twilio/twilio-signature.js';
import { exited, freePort, spawnServer } from '../test-support/spawn-server.js';
import { metaTextWebhook } from '../test-support/meta-text-webhook.js';

const secret = 'crash-app-secret-0123456789';
const phoneNumberId = '123456789012345';
const twilioToken = 'crash-twilio-auth-token-0123';
const d360Token = 'crash-d360-webhook-token-0123456789';

/** One customer message of the burst, as its provider would post it to `base`. */
type Posted = { id: string; path: string; headers: Record<string, string>; body: Buffer };

function metaJson(i: number) {
  const id = `wamid.CRASH${String(i).padStart(7, '0')}`;
  const from = `49160${String(i % 50).padStart(7, '0')}`;
  const body = metaTextWebhook({
    waId: from,
    wamid: id,
    name: `Kundin ${i % 50} ü`,
    body: `Nachricht ${i} 😀`,
    phoneNumberId,
  });
  return { id, raw: Buffer.from(metaJsonStringify(body)) };
}

/** Each provider's webhook path, proof and body; the same burst and the same checks for each. */
const providers: {
  name: string;
  env: Record<string, string>;
  post: (i: number, base: string) => Posted;
}[] = [
  {
    name: 'Meta',
    env: {
      WHATSAPP_PROVIDER: 'meta',
      META_APP_SECRET: secret,
      META_VERIFY_TOKEN: 'crash-verify',
      META_PHONE_NUMBER_ID: phoneNumberId,
      META_ACCESS_TOKEN: 'crash-access-token',
    },
    post: (i) => {
      const { id, raw } = metaJson(i);
      const headers = {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaPayload(raw, secret),
      };
      return { id, path: '/webhooks/meta', headers, body: raw };
    },
  },
  {
    name: '360dialog',
    env: {
      WHATSAPP_PROVIDER: '360dialog',
      D360_API_KEY: 'crash-d360-api-key',
      // Nothing listens there: the start-up registration fails, logged, and the server runs on.
      D360_BASE_URL: 'http://127.0.0.1:9',
      D360_PHONE_NUMBER_ID: phoneNumberId,
      D360_WEBHOOK_TOKEN: d360Token,
    },
    post: (i) => {
      const { id, raw } = metaJson(i);
      const headers = { 'content-type': 'application/json', 'x-switchboard-webhook-token': d360Token };
      return { id, path: '/webhooks/360dialog', headers, body: raw };
    },
  },
  {
    name: 'Twilio',
    env: {
      WHATSAPP_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: twilioToken,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
      TWILIO_API_URL: 'http://127.0.0.1:9',
    },
    post: (i, base) => {
      const id = `SMCRASH${String(i).padStart(7, '0')}`;
      const from = `49160${String(i % 50).padStart(7, '0')}`;
      const params = new URLSearchParams({
        MessageSid: id,
        From: `whatsapp:+${from}`,
        To: 'whatsapp:+14155238886',
        WaId: from,
        ProfileName: `Kundin ${i % 50} ü`,
        Body: `Nachricht ${i} 😀`,
        NumMedia: '0',
        SmsStatus: 'received',
      });
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(twilioToken, `${base}/webhooks/twilio`, params),
      };
      return { id, path: '/webhooks/twilio', headers, body: Buffer.from(params.toString()) };
    },
  },
];

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
