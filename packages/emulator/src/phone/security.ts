/**
 * Checks the control API base once, when the plugin is created, so a typo fails at start-up
 * rather than as a page that silently cannot load anything. Accepts a same-origin path or an
 * absolute http(s) URL; a trailing slash is dropped because the page appends `/state`, `/stream`….
 */
export function normalizeControlBase(controlBase: string): string {
  const trimmed = controlBase.trim().replace(/\/+$/, '');
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
      return trimmed;
    } catch {
      // fall through to the error below
    }
  }
  throw new TypeError(
    `phonePage: controlBase must be a path such as "/_control" or an http(s) URL, got ${JSON.stringify(controlBase)}`,
  );
}

/**
 * The page loads nothing from outside and runs no inline code: scripts and styles come from its
 * own routes, data only from the control API. Trusted Types with no policy makes the browser
 * reject any `innerHTML`-style sink outright, backing the rule that message text (written by
 * anyone) only ever reaches the DOM as text.
 */
export function contentSecurityPolicy(controlBase: string): string {
  const connect = ["'self'"];
  if (!controlBase.startsWith('/')) connect.push(new URL(controlBase).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // blob: shows the customer's own attached pictures, read from the file picker.
    "img-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
