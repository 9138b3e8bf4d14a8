import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_BUSINESS_NUMBER } from '../customers/business-numbers.js';
import { DEFAULT_ACCESS_TOKEN } from '../emulator.js';
import { faultPlanPatchSchema } from '../faults/fault-plan.js';
import type { StartEmulatorServerOptions } from './start-emulator-server.js';

/** The options commander hands the `emulator` command's action (names as commander camel-cases them). */
export interface EmulatorCliFlags {
  port?: string;
  host?: string;
  webhookUrl?: string;
  appSecret?: string;
  accessToken?: string[];
  verifyToken?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  wabaId?: string;
  verifiedName?: string;
  customer?: string[];
  anyNumber?: boolean;
  throughput?: string;
  retrySchedule?: string;
  seed?: string;
  faults?: string;
  publicUrl?: string;
  verify?: boolean;
  autoRead?: boolean;
  webhookConcurrency?: string;
}

/** Server options from CLI flags, and the secrets that were generated because none was given. */
export interface ParsedEmulatorCli {
  readonly options: StartEmulatorServerOptions & { readonly appSecret: string };
  readonly generated: { readonly appSecret?: string };
}

/**
 * Turns the flags of `switchboard emulator` into {@link StartEmulatorServerOptions}. Throws
 * commander's `InvalidArgumentError` with a message naming the flag when a value is malformed.
 */
export function parseEmulatorCliFlags(flags: EmulatorCliFlags): ParsedEmulatorCli {
  const generatedSecret = flags.appSecret === undefined ? randomBytes(24).toString('base64url') : undefined;
  const appSecret = flags.appSecret ?? generatedSecret ?? '';
  const phoneNumberId = flags.phoneNumberId ?? DEFAULT_BUSINESS_NUMBER.phoneNumberId;
  if (!/^\d{1,20}$/.test(phoneNumberId)) throw new InvalidArgumentError('--phone-number-id must be digits');
  const options: StartEmulatorServerOptions & { appSecret: string } = {
    port: integer(flags.port ?? '4004', '--port', 0, 65535),
    host: flags.host ?? '127.0.0.1',
    appSecret,
    accessTokens: (flags.accessToken ?? [DEFAULT_ACCESS_TOKEN]).map((token) => ({ token })),
    businessNumbers: [
      {
        phoneNumberId,
        displayPhoneNumber: flags.displayPhoneNumber ?? DEFAULT_BUSINESS_NUMBER.displayPhoneNumber,
        ...(flags.verifiedName !== undefined && { verifiedName: flags.verifiedName }),
        ...(flags.wabaId !== undefined && { wabaId: flags.wabaId }),
        ...(flags.throughput !== undefined && {
          throughputPerSecond: integer(flags.throughput, '--throughput', 1, 100_000),
        }),
      },
    ],
    ...(flags.webhookUrl !== undefined && { webhookUrl: url(flags.webhookUrl, '--webhook-url') }),
    ...(flags.verifyToken !== undefined && { verifyToken: flags.verifyToken }),
    ...(flags.publicUrl !== undefined && { publicUrl: url(flags.publicUrl, '--public-url') }),
    customers: (flags.customer ?? []).map(customer),
    anyNumberReachable: flags.anyNumber ?? true,
    ...(flags.retrySchedule !== undefined && { webhookRetryScheduleMs: schedule(flags.retrySchedule) }),
    ...(flags.seed !== undefined && { seed: integer(flags.seed, '--seed', 0, 2 ** 32 - 1) }),
    ...(flags.faults !== undefined && { faults: faults(flags.faults) }),
    verifyWebhookOnStart: flags.verify ?? true,
    // Standalone, the app may start after the emulator: keep trying the handshake, hold webhooks.
    handshakeRetryMs: 2000,
    ...(flags.webhookConcurrency !== undefined && {
      webhookConcurrency: integer(flags.webhookConcurrency, '--webhook-concurrency', 1, 256),
    }),
    autoRead: flags.autoRead ?? true,
  };
  return { options, generated: generatedSecret === undefined ? {} : { appSecret: generatedSecret } };
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`${flag} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function url(value: string, flag: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`${flag} must be an http(s) URL (got "${value}")`);
}

/** `--customer 16505551234:Sheena Nelson` or `--customer 16505551234:Bob:undeliverable`. */
function customer(value: string): { waId: string; name: string; undeliverable?: boolean } {
  const [waId = '', name, flag] = value.split(':');
  if (!/^[1-9]\d{6,14}$/.test(waId) || !name || (flag !== undefined && flag !== 'undeliverable')) {
    throw new InvalidArgumentError(`--customer must be WA_ID:NAME[:undeliverable] (got "${value}")`);
  }
  return { waId, name, ...(flag === 'undeliverable' && { undeliverable: true }) };
}

function schedule(value: string): number[] {
  const steps = value.split(',').map((s) => Number(s.trim()));
  if (steps.length === 0 || steps.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new InvalidArgumentError(`--retry-schedule must be comma-separated milliseconds (got "${value}")`);
  }
  return steps;
}

function faults(value: string) {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`--faults must be a JSON object (got "${value}")`);
  }
  const parsed = faultPlanPatchSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidArgumentError(
      `--faults: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
