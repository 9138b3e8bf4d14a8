import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorServer } from '@switchboard/emulator';
import { d360Env, startD360Front } from '../../apps/server/src/providers/d360/test-support/d360-front.js';
import { startFakeChirp } from '../../apps/server/src/providers/custom/test-support/fake-chirp.js';
import {
  chirpEnv,
  workedExampleConfig,
} from '../../apps/server/src/providers/custom/test-support/worked-example.js';
import {
  startFakeTwilio,
  twilioEnv,
} from '../../apps/server/src/providers/twilio/test-support/fake-twilio.js';
import { freePort } from '../../apps/server/src/test-support/spawn-server.js';

/**
 * A provider for the send phase, as the tests have it: the emulator (Meta), 360dialog's front on
 * the emulator, the fake Twilio, the fake Chirp of the custom worked example. Each knows how many
 * of our sends it received and lets customers write first (which opens their windows).
 */
export interface ProviderRig {
  /** The server's environment for a channel on this provider, its limits raised out of the way. */
  env: Record<string, string>;
  customerWrites(waId: string, text: string): Promise<void>;
  /** Our sends the provider took so far. */
  received(): number;
  /** Called once the server listens (the emulator starts its handshake then). */
  started(): Promise<void>;
  close(): Promise<void>;
}

const rate = '10000';

export async function startRig(name: string, serverBase: string, customers: string[]): Promise<ProviderRig> {
  if (name === 'Meta') return metaRig(serverBase, customers);
  if (name === '360dialog') return d360Rig(customers);
  if (name === 'Twilio') return twilioRig(serverBase);
  return chirpRig(serverBase);
}

async function metaRig(serverBase: string, customers: string[]): Promise<ProviderRig> {
  const port = await freePort();
  const secrets = { appSecret: 'bench-app-secret-0123456789', token: 'bench-access-token-0123456789' };
  const phoneNumberId = '106540352242111';
  let emulator: Awaited<ReturnType<typeof startEmulatorServer>> | null = null;
  return {
    env: {
      WHATSAPP_PROVIDER: 'meta',
      META_APP_SECRET: secrets.appSecret,
      META_VERIFY_TOKEN: 'bench-verify',
      META_PHONE_NUMBER_ID: phoneNumberId,
      META_ACCESS_TOKEN: secrets.token,
      META_GRAPH_URL: `http://127.0.0.1:${port}/v23.0`,
      META_SEND_RATE_PER_SECOND: rate,
    },
    async started() {
      emulator = await startEmulatorServer({
        port,
        appSecret: secrets.appSecret,
        verifyToken: 'bench-verify',
        webhookUrl: `${serverBase}/webhooks/meta`,
        phonePage: false,
        accessTokens: [{ token: secrets.token }],
        businessNumbers: [{ phoneNumberId, displayPhoneNumber: '15550001111', throughputPerSecond: 10_000 }],
        customers: customers.map((waId) => ({ waId, name: `Kunde ${waId}` })),
      });
    },
    customerWrites: async (waId, text) => {
      emulator!.emulator.customerSends(waId, { type: 'text', text: { body: text } });
    },
    received: () => customers.reduce((sum, waId) => sum + (emulator?.emulator.received(waId).length ?? 0), 0),
    close: async () => emulator?.close(),
  };
}

async function d360Rig(customers: string[]): Promise<ProviderRig> {
  const front = await startD360Front({
    apiKey: 'bench-d360-api-key-0123',
    phoneNumberId: '106540352242360',
    customers: customers.map((waId) => ({ waId, name: `Kunde ${waId}` })),
    throughputPerSecond: 10_000,
  });
  return {
    env: { ...d360Env(front, 'bench-d360-webhook-token-0123456789'), D360_SEND_RATE_PER_SECOND: rate },
    started: async () => undefined,
    customerWrites: async (waId, text) => {
      front.emulator.emulator.customerSends(waId, { type: 'text', text: { body: text } });
    },
    received: () => customers.reduce((sum, waId) => sum + front.emulator.emulator.received(waId).length, 0),
    close: () => front.close(),
  };
}

async function twilioRig(serverBase: string): Promise<ProviderRig> {
  const twilio = await startFakeTwilio({});
  twilio.webhookUrl = `${serverBase}/webhooks/twilio`;
  return {
    env: { ...twilioEnv(twilio), TWILIO_SEND_RATE_PER_SECOND: rate },
    started: async () => undefined,
    customerWrites: async (waId, text) => {
      await twilio.customerWrites(waId, text);
    },
    received: () => twilio.sent.length,
    close: () => twilio.close(),
  };
}

async function chirpRig(serverBase: string): Promise<ProviderRig> {
  const chirp = await startFakeChirp();
  chirp.webhookUrl = `${serverBase}/webhooks/custom/chirp`;
  const file = JSON.parse(workedExampleConfig()) as { channels: { sendRatePerSecond?: number }[] };
  for (const channel of file.channels) channel.sendRatePerSecond = Number(rate);
  const path = join(mkdtempSync(join(tmpdir(), 'bench-chirp-')), 'switchboard.config.json');
  writeFileSync(path, JSON.stringify(file));
  return {
    env: { WHATSAPP_PROVIDER: 'custom', SWITCHBOARD_CONFIG: path, ...chirpEnv(chirp) },
    started: async () => undefined,
    customerWrites: async (waId, text) => {
      await chirp.customerWrites(waId, text);
    },
    received: () => chirp.sent.length,
    close: () => chirp.close(),
  };
}
