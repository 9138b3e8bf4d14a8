/**
 * Which browser origins may call the API and the streams (`SWITCHBOARD_CORS_ORIGINS`): a list of
 * exact origins, or in demo mode by default any page served from this machine (`localhost`,
 * `127.0.0.1`, `[::1]` on any port), so a host app in development works without setup.
 */
export type CorsPolicy =
  { readonly kind: 'origins'; readonly origins: readonly string[] } | { readonly kind: 'loopback' };

const loopbackOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Parses the variable; pushes a line naming the bad entry onto `problems`. */
export function parseCorsOrigins(raw: string | undefined, demo: boolean, problems: string[]): CorsPolicy {
  if (raw === undefined || raw.trim() === '') {
    return demo ? { kind: 'loopback' } : { kind: 'origins', origins: [] };
  }
  const origins: string[] = [];
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const origin = canonicalOrigin(entry);
    if (origin === null) {
      problems.push(
        `SWITCHBOARD_CORS_ORIGINS: "${entry}" is not an origin; give scheme, host and port only, such as https://app.example.com (wildcards are not accepted)`,
      );
    } else origins.push(origin);
  }
  return { kind: 'origins', origins: [...new Set(origins)] };
}

/** Whether a request's `Origin` header may read the answer. */
export function corsAllows(policy: CorsPolicy, origin: string | undefined): boolean {
  if (origin === undefined) return false;
  if (policy.kind === 'loopback') return loopbackOrigin.test(origin);
  return policy.origins.includes(origin);
}

// An origin as browsers send it: lowercase scheme and host, no default port, no path.
function canonicalOrigin(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/') return null;
  return url.origin;
}
