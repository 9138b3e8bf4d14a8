/**
 * Meta's webhooks give a file's SHA-256 in base64; `GET /{media-id}` is documented only as "the
 * hash" and the emulator answers hex (docs/whatsapp-cloud-api.md §3.2, §6). Digests are therefore
 * compared as bytes, whichever of the two encodings each side uses.
 */
function digestBytes(digest: string): Buffer | null {
  const text = digest.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** Whether `announced` (hex or base64) names the same digest as `actualHex`; false if unreadable. */
export function sameDigest(announced: string, actualHex: string): boolean {
  const bytes = digestBytes(announced);
  return bytes !== null && bytes.toString('hex') === actualHex.toLowerCase();
}
