import type { Clock } from '../core/clock.js';
import type { BusinessNumberOptions } from '../core/emulator-options.js';
import type { MediaStore } from '../core/media-store.js';
import type { OutboundGate } from '../core/outbound-gate.js';
import type { TemplateRegistry } from '../templates/template-registry.js';

/** A bearer token the emulator accepts; without `expiresAt` it never expires (a system-user token). */
export interface AccessTokenGrant {
  readonly token: string;
  /** Epoch ms (on the emulator's clock) from which the token answers 190/463. */
  readonly expiresAt?: number;
}

/** A business number the Graph routes can send from, with the WABA that owns it. */
export interface ResolvedBusinessNumber {
  readonly number: BusinessNumberOptions;
  readonly wabaId: string;
}

/** Everything the Graph routes need; the composition root builds one from `EmulatorOptions`. */
export interface GraphDeps {
  /** The number behind a phone number id, or undefined for an unknown id (answered 100/33). */
  readonly findNumber: (phoneNumberId: string) => ResolvedBusinessNumber | undefined;
  /** Whether a WABA id exists (the templates edge); unknown ones are answered 100/33. */
  readonly hasWaba: (wabaId: string) => boolean;
  /**
   * Accepted tokens. Read on every request, so the composition root may hand over an array it
   * changes later (a token added or expired through the control API).
   */
  readonly accessTokens: readonly AccessTokenGrant[];
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
  readonly gate: OutboundGate;
  readonly clock: Clock;
  /**
   * Base URL the emulator is reachable at (`http://127.0.0.1:4004`), used in media download URLs.
   * A function when it is known only after `listen` (a random port in tests).
   */
  readonly publicUrl: string | (() => string);
}
