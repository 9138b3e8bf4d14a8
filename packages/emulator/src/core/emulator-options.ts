import type { Clock } from './clock.js';

/** A business phone number the emulator hosts (what Meta calls a phone number id). */
export interface BusinessNumberOptions {
  readonly phoneNumberId: string;
  /** E.164 digits shown in `metadata.display_phone_number`. */
  readonly displayPhoneNumber: string;
  readonly verifiedName?: string;
  /** WhatsApp Business Account id that owns the number (templates live there). */
  readonly wabaId?: string;
  /** Messages per second before 130429; WhatsApp's default is 80. */
  readonly throughputPerSecond?: number;
}

/** A message template as Meta stores it (`GET /{waba-id}/message_templates` shape). */
export interface TemplateDefinition {
  readonly name: string;
  readonly language: string;
  readonly category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  readonly status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  /** HEADER / BODY / FOOTER / BUTTONS components with `{{1}}` or `{{name}}` placeholders. */
  readonly components: readonly Record<string, unknown>[];
  /** `parameter_format`: POSITIONAL (default) or NAMED. */
  readonly parameterFormat?: 'POSITIONAL' | 'NAMED';
}

export interface SimulatedCustomerOptions {
  /** wa_id: digits only, with country code. */
  readonly waId: string;
  readonly name: string;
  /** Sends to this number fail with 131026 (not on WhatsApp, old app, blocked the business). */
  readonly undeliverable?: boolean;
}

/** Options of {@link createEmulator}; every field has a default that runs out of the box. */
export interface EmulatorOptions {
  /** Business numbers; default one number `100000000000001`. */
  readonly businessNumbers?: readonly BusinessNumberOptions[];
  /** Accepted bearer tokens (system-user tokens never expire; `expiresAt` makes one expire). */
  readonly accessTokens?: readonly { readonly token: string; readonly expiresAt?: number }[];
  /** Signs webhooks (`X-Hub-Signature-256`). */
  readonly appSecret: string;
  /**
   * Where webhooks go (the app's `POST /webhooks/meta`); none means they are only recorded. A
   * function is read at each delivery, for a host that learns its own port only after listening.
   */
  readonly webhookUrl?: string | (() => string);
  /** Sent as `hub.verify_token` in the verification handshake on start. */
  readonly verifyToken?: string;
  readonly templates?: readonly TemplateDefinition[];
  /** Known customers; when `anyNumberReachable` (default true) any well-formed number is one too. */
  readonly customers?: readonly SimulatedCustomerOptions[];
  readonly anyNumberReachable?: boolean;
  /** Delays between webhook delivery attempts (ms); Meta retries with backoff for up to 7 days. */
  readonly webhookRetryScheduleMs?: readonly number[];
  /** How long after a send the customer's phone reports `delivered` and `read` (ms). */
  readonly statusDelaysMs?: { readonly sent?: number; readonly delivered?: number; readonly read?: number };
  /** Customers read what they receive (blue ticks) unless false. */
  readonly autoRead?: boolean;
  readonly clock?: Clock;
  /** Base URL the emulator is reachable at, used in media download URLs. */
  readonly publicUrl?: string;
}
