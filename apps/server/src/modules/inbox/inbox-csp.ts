/**
 * The inbox's Content-Security-Policy: scripts, styles and fonts only from its own files, data
 * only from this server (REST, WebSocket, SSE), pictures and voice notes also from the blob: URLs
 * the SDK makes of authorized media downloads. Trusted Types with no policy makes the browser
 * refuse any HTML-from-string sink outright, backing the rule that message text (written by
 * anyone) only ever reaches the page as text.
 */
export const inboxContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** Headers on every inbox response (the page and its files). */
export const inboxSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': inboxContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
