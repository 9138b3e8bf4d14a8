import type { ReadReceiptPolicy } from '../domain/read-receipts.js';
import type { CorsPolicy } from './cors-origins.js';
import { DEFAULT_THROUGHPUT_MPS } from '@switchboard/whatsapp';
import { z } from 'zod';
import type { CustomProviderDefinition } from '../providers/custom/compile-custom-provider.js';
import { customProviderName, customProvidersSchema } from '../providers/custom/custom-provider-config.js';

const secret = (name: string) =>
  z.string({ error: `${name} is required` }).min(8, `${name} must be at least 8 characters`);

export const metaChannelSchema = z.object({
  provider: z.literal('meta'),
  name: z.string().min(1).default('WhatsApp'),
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'phoneNumberId must be the digits of a Meta phone number id'),
  accessToken: secret('accessToken'),
  appSecret: secret('appSecret'),
  verifyToken: z.string().min(1, 'verifyToken is required'),
  graphUrl: z.url().default('https://graph.facebook.com/v23.0'),
  wabaId: z.string().optional(),
  /** Sends per second this number may make (any sliding second): 80 by default, up to 1,000 when Meta upgrades it. */
  sendRatePerSecond: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_THROUGHPUT_MPS),
});
export type MetaChannelConfig = z.infer<typeof metaChannelSchema>;

export const d360ChannelSchema = z.object({
  provider: z.literal('360dialog'),
  name: z.string().min(1).default('WhatsApp (360dialog)'),
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'phoneNumberId must be the digits of the phone number id'),
  apiKey: secret('apiKey'),
  baseUrl: z.url().default('https://waba-v2.360dialog.io'),
  /** What 360dialog must send in X-Switchboard-Webhook-Token; Switchboard registers it. */
  webhookToken: z
    .string({ error: 'webhookToken is required' })
    .min(24, 'webhookToken must be at least 24 characters (random, e.g. openssl rand -hex 24)'),
  sendRatePerSecond: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_THROUGHPUT_MPS),
});
export type D360ChannelConfig = z.infer<typeof d360ChannelSchema>;

export const twilioChannelSchema = z.object({
  provider: z.literal('twilio'),
  name: z.string().min(1).default('WhatsApp (Twilio)'),
  accountSid: z
    .string({ error: 'accountSid is required' })
    .regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid must be AC followed by 32 hex digits'),
  authToken: secret('authToken'),
  /** The business number as Twilio addresses it, `whatsapp:+14155238886`. */
  from: z
    .string({ error: 'from is required' })
    .regex(/^whatsapp:\+\d{6,15}$/, 'from must be whatsapp:+ and the number, like whatsapp:+14155238886'),
  apiUrl: z.url().default('https://api.twilio.com'),
  /** Twilio's Content API, where its templates are listed. */
  contentUrl: z.url().default('https://content.twilio.com'),
  sendRatePerSecond: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_THROUGHPUT_MPS),
});
export type TwilioChannelConfig = z.infer<typeof twilioChannelSchema>;

/** A number served by a provider declared under `customProviders` (docs/custom-providers.md). */
export const customChannelSchema = z.object({
  provider: z.literal('custom'),
  /** The key under `customProviders`. */
  customProvider: customProviderName,
  name: z.string().min(1).default('WhatsApp'),
  /** The business number, digits only, as the provider's webhooks name it. */
  phoneNumber: z
    .string({ error: 'phoneNumber is required' })
    .regex(/^\d{4,20}$/, 'phoneNumber must be the business number in digits, like 4930123456'),
  sendRatePerSecond: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_THROUGHPUT_MPS),
});
export type CustomChannelConfig = z.infer<typeof customChannelSchema>;

/** A channel: Meta's Cloud API (the emulator speaks it too), 360dialog, Twilio or a custom provider. */
export const channelConfigSchema = z.discriminatedUnion('provider', [
  metaChannelSchema,
  d360ChannelSchema,
  twilioChannelSchema,
  customChannelSchema,
]);
export type ChannelConfig = z.infer<typeof channelConfigSchema>;

/** The business number a channel's webhooks name (Twilio's `from` without `whatsapp:+`). */
export function channelNumber(config: ChannelConfig): string {
  if (config.provider === 'custom') return config.phoneNumber;
  return config.provider === 'twilio' ? config.from.replace(/^whatsapp:\+/, '') : config.phoneNumberId;
}

/** The provider name a channel and its webhooks are stored under: `custom:<name>` for custom ones. */
export function channelProviderKey(config: ChannelConfig): string {
  return config.provider === 'custom' ? customProviderKey(config.customProvider) : config.provider;
}

export const customProviderKey = (name: string): string => `custom:${name}`;

/** The optional JSON file named by SWITCHBOARD_CONFIG. */
export const configFileSchema = z
  .object({
    channels: z.array(channelConfigSchema).default([]),
    customProviders: customProvidersSchema.default({}),
    webhookBodyLimitBytes: z.number().int().positive().optional(),
    eventRetentionDays: z.number().positive().optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly publicUrl: string;
  readonly apiKey: string;
  readonly tokenSecret: string;
  /** True when no provider credentials were given: the emulator stands in for WhatsApp. */
  readonly demo: boolean;
  readonly provider: 'emulator' | 'meta' | '360dialog' | 'twilio' | 'custom';
  readonly channels: readonly ChannelConfig[];
  /** The config file's custom providers, compiled at start (none when absent). */
  readonly customProviders?: ReadonlyMap<string, CustomProviderDefinition>;
  readonly webhookBodyLimitBytes: number;
  readonly eventRetentionDays: number;
  readonly logLevel: string;
  /** Browser origins allowed to call the API and streams (`SWITCHBOARD_CORS_ORIGINS`). */
  readonly cors: CorsPolicy;
  /** How long the outbox waits for the provider's answer to one send. */
  readonly sendTimeoutMs: number;
  /** How long an unconfirmed send waits for a status webhook before it is sent again. */
  readonly sendReconcileMs: number;
  /** When the customer sees blue ticks (`SWITCHBOARD_READ_RECEIPTS`). */
  readonly readReceipts: ReadReceiptPolicy;
}
