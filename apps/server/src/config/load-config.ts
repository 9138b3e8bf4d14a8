import { readReceiptPolicies, type ReadReceiptPolicy } from '../domain/read-receipts.js';
import { parseCorsOrigins } from './cors-origins.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_THROUGHPUT_MPS } from '@switchboard/whatsapp';
import type { z } from 'zod';
import {
  compileCustomProvider,
  type CustomProviderDefinition,
} from '../providers/custom/compile-custom-provider.js';
import {
  channelConfigSchema,
  configFileSchema,
  type ChannelConfig,
  type Config,
  type ConfigFile,
} from './config-schema.js';

/** A configuration that cannot start the server; the message names every offending setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The phone number id of the built-in emulator's business number in demo mode. */
export const demoPhoneNumberId = '100000000000001';
export const demoWabaId = '200000000000001';
// Meta allows 3 MB per webhook; a little headroom for what a proxy adds.
const defaultWebhookBodyLimit = 4 * 1024 * 1024;

type Env = Record<string, string | undefined>;

/**
 * Reads the configuration once from the environment (and SWITCHBOARD_CONFIG, a JSON file),
 * validates it and freezes it. Without provider credentials the server runs in demo mode with
 * generated secrets; with credentials, every secret must be given.
 */
export function loadConfig(
  env: Env = process.env,
  readFile = (p: string) => readFileSync(p, 'utf8'),
): Config {
  const problems: string[] = [];
  const file = readConfigFile(env.SWITCHBOARD_CONFIG, readFile, problems);
  const provider = env.WHATSAPP_PROVIDER ?? 'emulator';
  const host = env.HOST ?? '127.0.0.1';
  const port = parsePort(env.PORT, problems);
  const dataDir = resolve(env.SWITCHBOARD_DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${join(dataDir, 'switchboard.db')}`;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be sqlite:<path> or postgres://user:password@host:port/database');
  }

  const channels: ChannelConfig[] = [...(file?.channels ?? [])];
  let demo = false;
  if (provider === 'meta') {
    const missing = [
      'META_ACCESS_TOKEN',
      'META_APP_SECRET',
      'META_VERIFY_TOKEN',
      'META_PHONE_NUMBER_ID',
    ].filter((name) => !env[name]);
    if (missing.length > 0) problems.push(`WHATSAPP_PROVIDER=meta needs ${missing.join(', ')}`);
    else channels.push(parseEnvChannel(env, problems));
  } else if (provider === '360dialog') {
    const missing = ['D360_API_KEY', 'D360_PHONE_NUMBER_ID', 'D360_WEBHOOK_TOKEN'].filter(
      (name) => !env[name],
    );
    if (missing.length > 0) problems.push(`WHATSAPP_PROVIDER=360dialog needs ${missing.join(', ')}`);
    else channels.push(parseD360EnvChannel(env, problems));
  } else if (provider === 'twilio') {
    const missing = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WHATSAPP_FROM'].filter(
      (name) => !env[name],
    );
    if (missing.length > 0) problems.push(`WHATSAPP_PROVIDER=twilio needs ${missing.join(', ')}`);
    else
      channels.push(
        channelFromEnv(
          env,
          { provider: 'twilio', name: env.TWILIO_CHANNEL_NAME ?? 'WhatsApp (Twilio)' },
          {
            accountSid: 'TWILIO_ACCOUNT_SID',
            authToken: 'TWILIO_AUTH_TOKEN',
            from: 'TWILIO_WHATSAPP_FROM',
            apiUrl: 'TWILIO_API_URL',
            contentUrl: 'TWILIO_CONTENT_URL',
            sendRatePerSecond: 'TWILIO_SEND_RATE_PER_SECOND',
          },
          problems,
        ),
      );
  } else if (provider === 'emulator') {
    demo = channels.length === 0;
  } else if (provider === 'custom') {
    // A config file that did not parse has said what is wrong already.
    const fileFailed = env.SWITCHBOARD_CONFIG !== undefined && file === null;
    if (!fileFailed && !channels.some((c) => c?.provider === 'custom')) {
      problems.push(
        'WHATSAPP_PROVIDER=custom needs SWITCHBOARD_CONFIG with customProviders and a channel of provider "custom" (docs/custom-providers.md)',
      );
    }
  } else {
    problems.push(
      `WHATSAPP_PROVIDER must be one of emulator, meta, 360dialog, twilio, custom (got "${provider}")`,
    );
  }

  const customProviders = compileCustomProviders(file, channels, env, problems);
  const sendTimeoutMs = positiveInt(env, 'SWITCHBOARD_SEND_TIMEOUT_MS', 15_000, problems);
  const sendReconcileMs = positiveInt(env, 'SWITCHBOARD_SEND_RECONCILE_MS', 120_000, problems);
  const apiKey = requiredSecret(env, 'SWITCHBOARD_API_KEY', demo, problems);
  const tokenSecret = requiredSecret(env, 'SWITCHBOARD_TOKEN_SECRET', demo, problems);
  if (demo) channels.push(demoChannel());
  const cors = parseCorsOrigins(env.SWITCHBOARD_CORS_ORIGINS, demo, problems);
  const readReceipts = parseReadReceipts(env.SWITCHBOARD_READ_RECEIPTS, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    host,
    port,
    dataDir,
    databaseUrl,
    publicUrl: (env.SWITCHBOARD_PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    apiKey,
    tokenSecret,
    demo,
    provider:
      provider === 'meta' || provider === '360dialog' || provider === 'twilio' || provider === 'custom'
        ? provider
        : 'emulator',
    channels: Object.freeze(channels.map((c) => Object.freeze(c))),
    customProviders,
    webhookBodyLimitBytes: file?.webhookBodyLimitBytes ?? defaultWebhookBodyLimit,
    eventRetentionDays: file?.eventRetentionDays ?? 7,
    logLevel: env.LOG_LEVEL ?? 'info',
    cors,
    sendTimeoutMs,
    sendReconcileMs,
    readReceipts,
  });
}

/**
 * The file's custom providers, each compiled once (expressions, `${NAME}` secrets); a channel
 * naming a provider that is not declared is a problem too.
 */
function compileCustomProviders(
  file: ConfigFile | null,
  channels: readonly ChannelConfig[],
  env: Env,
  problems: string[],
): ReadonlyMap<string, CustomProviderDefinition> {
  const compiled = new Map<string, CustomProviderDefinition>();
  for (const [name, declared] of Object.entries(file?.customProviders ?? {})) {
    compiled.set(name, compileCustomProvider(name, declared, env, problems));
  }
  channels.forEach((channel, i) => {
    if (channel?.provider === 'custom' && !compiled.has(channel.customProvider)) {
      problems.push(
        `SWITCHBOARD_CONFIG channels.${i}.customProvider: "${channel.customProvider}" is not declared under customProviders`,
      );
    }
  });
  return compiled;
}

function parseReadReceipts(raw: string | undefined, problems: string[]): ReadReceiptPolicy {
  if (raw === undefined || raw === '') return 'on-read';
  const value = raw.trim().toLowerCase();
  if ((readReceiptPolicies as readonly string[]).includes(value)) return value as ReadReceiptPolicy;
  problems.push(`SWITCHBOARD_READ_RECEIPTS must be one of ${readReceiptPolicies.join(', ')} (got "${raw}")`);
  return 'on-read';
}

function positiveInt(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    problems.push(`${name} must be a whole number of milliseconds above 0 (got "${raw}")`);
    return fallback;
  }
  return value;
}

function readConfigFile(path: string | undefined, readFile: (p: string) => string, problems: string[]) {
  if (!path) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(path));
  } catch (err) {
    problems.push(`SWITCHBOARD_CONFIG: cannot read ${path} as JSON (${(err as Error).message})`);
    return null;
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`SWITCHBOARD_CONFIG ${pathOf(issue)}: ${issue.message}`);
    return null;
  }
  return parsed.data satisfies ConfigFile;
}

/** Meta's channel from `META_*`, each problem named by its variable. */
function parseEnvChannel(env: Env, problems: string[]): ChannelConfig {
  return channelFromEnv(
    env,
    { provider: 'meta', name: env.META_CHANNEL_NAME ?? 'WhatsApp', wabaId: env.META_WABA_ID },
    {
      phoneNumberId: 'META_PHONE_NUMBER_ID',
      accessToken: 'META_ACCESS_TOKEN',
      appSecret: 'META_APP_SECRET',
      verifyToken: 'META_VERIFY_TOKEN',
      graphUrl: 'META_GRAPH_URL',
      sendRatePerSecond: 'META_SEND_RATE_PER_SECOND',
    },
    problems,
  );
}

/** 360dialog's channel from `D360_*`, each problem named by its variable. */
function parseD360EnvChannel(env: Env, problems: string[]): ChannelConfig {
  return channelFromEnv(
    env,
    { provider: '360dialog', name: env.D360_CHANNEL_NAME ?? 'WhatsApp (360dialog)' },
    {
      phoneNumberId: 'D360_PHONE_NUMBER_ID',
      apiKey: 'D360_API_KEY',
      baseUrl: 'D360_BASE_URL',
      webhookToken: 'D360_WEBHOOK_TOKEN',
      sendRatePerSecond: 'D360_SEND_RATE_PER_SECOND',
    },
    problems,
  );
}

/**
 * A channel from fixed fields plus one environment variable per field (`variables`: field →
 * variable); what does not validate is reported in the variable's name.
 */
function channelFromEnv(
  env: Env,
  fixed: Record<string, string | undefined>,
  variables: Record<string, string>,
  problems: string[],
): ChannelConfig {
  const fromEnv = Object.fromEntries(Object.entries(variables).map(([field, name]) => [field, env[name]]));
  const parsed = channelConfigSchema.safeParse({ ...fixed, ...fromEnv });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    problems.push(`${variables[key] ?? key}: ${issue.message.replace(/^\w+ /, 'it ')}`);
  }
  return parsed.data as unknown as ChannelConfig;
}

function requiredSecret(env: Env, name: string, demo: boolean, problems: string[]): string {
  const value = env[name];
  if (value) {
    if (value.length < 16) problems.push(`${name} must be at least 16 characters`);
    return value;
  }
  if (demo) return randomBytes(24).toString('base64url');
  problems.push(
    `${name} is required when provider credentials are configured (it is generated only in demo mode)`,
  );
  return '';
}

function demoChannel(): ChannelConfig {
  return {
    provider: 'meta',
    name: 'Demo (emulator)',
    phoneNumberId: demoPhoneNumberId,
    accessToken: randomBytes(24).toString('base64url'),
    appSecret: randomBytes(24).toString('base64url'),
    verifyToken: randomBytes(12).toString('base64url'),
    // Replaced by the in-process emulator's address once the server listens (main.ts).
    graphUrl: 'http://127.0.0.1/emulator/v23.0',
    wabaId: demoWabaId,
    sendRatePerSecond: DEFAULT_THROUGHPUT_MPS,
  };
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer between 0 and 65535 (got "${value}")`);
    return 0;
  }
  return port;
}

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? issue.path.join('.') : '(root)';
}
