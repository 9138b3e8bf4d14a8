import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring public links to our media files, for providers that fetch what they send
 * themselves (Twilio's `MediaUrl`): `<public URL>/media-links/<media id>?exp=<epoch s>&sig=<hmac>`.
 * The HMAC-SHA256 covers the id and the expiry, keyed with a key derived from the token secret,
 * so a link opens one file until it expires and cannot be altered or made up (docs/media.md).
 */
export class MediaLinks {
  readonly #key: Buffer;

  constructor(
    secret: string,
    private readonly publicUrl: string,
    readonly ttlMs: number = 24 * 60 * 60 * 1000,
  ) {
    // A key of its own: a media link must never be usable as anything else signed with the secret.
    this.#key = createHmac('sha256', secret).update('switchboard media links v1').digest();
  }

  link(mediaId: string, now = Date.now()): string {
    const exp = Math.floor((now + this.ttlMs) / 1000);
    return `${this.publicUrl}/media-links/${encodeURIComponent(mediaId)}?exp=${exp}&sig=${this.#sign(mediaId, exp)}`;
  }

  /** Whether `sig` signs this id and expiry, and the expiry has not passed. */
  verify(mediaId: string, exp: number, sig: string, now = Date.now()): boolean {
    if (!Number.isInteger(exp) || exp * 1000 <= now) return false;
    const expected = Buffer.from(this.#sign(mediaId, exp), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #sign(mediaId: string, exp: number): string {
    return createHmac('sha256', this.#key).update(`${mediaId}\n${exp}`).digest('base64url');
  }
}
