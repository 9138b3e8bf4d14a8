import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signs the media download URLs that `GET /{media-id}` hands out. Meta's URLs expire after five
 * minutes and then answer 404; the signature (HMAC over id and expiry, with a key that lives as
 * long as the plugin) makes an edited expiry useless, so expiry holds even against a client that
 * tampers with the query.
 */
export class MediaUrlSigner {
  readonly #key = randomBytes(32);

  /** `{base}/_media/{id}?expires={ms}&signature={hex}`. */
  url(base: string, mediaId: string, expiresAt: number): string {
    const query = new URLSearchParams({
      expires: String(expiresAt),
      signature: this.#sign(mediaId, expiresAt),
    });
    return `${base.replace(/\/+$/, '')}/_media/${encodeURIComponent(mediaId)}?${query.toString()}`;
  }

  /** Whether the query was issued for this media id and has not yet expired at `now`. */
  isValid(mediaId: string, query: { expires?: unknown; signature?: unknown }, now: number): boolean {
    if (typeof query.expires !== 'string' || typeof query.signature !== 'string') return false;
    if (!/^\d+$/.test(query.expires)) return false;
    const expiresAt = Number(query.expires);
    const expected = Buffer.from(this.#sign(mediaId, expiresAt), 'hex');
    const given = Buffer.from(query.signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) && now < expiresAt;
  }

  #sign(mediaId: string, expiresAt: number): string {
    return createHmac('sha256', this.#key).update(`${mediaId}\n${expiresAt}`).digest('hex');
  }
}
