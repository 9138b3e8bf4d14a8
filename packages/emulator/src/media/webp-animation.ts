/**
 * Whether a WebP file is animated: an extended (`VP8X`) header with the animation flag set. Meta
 * allows 500 KB for animated stickers but only 100 KB for static ones, so the upload check needs
 * to tell them apart. See https://developers.google.com/speed/webp/docs/riff_container#extended_file_format.
 */
export function isAnimatedWebp(bytes: Buffer): boolean {
  if (bytes.length < 21) return false;
  const isWebp = bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
  if (!isWebp || bytes.toString('latin1', 12, 16) !== 'VP8X') return false;
  const ANIMATION_FLAG = 0x02;
  return ((bytes[20] ?? 0) & ANIMATION_FLAG) !== 0;
}
