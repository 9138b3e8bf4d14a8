import { decodeJwt } from 'jose';

/**
 * How the inbox signs in (docs/inbox.md): a token in the URL fragment (`#token=…`, removed from
 * the address bar at once), else the token of this tab's earlier sign-in, else — in demo mode —
 * a demo agent token from the server; otherwise the sign-in form. Tokens are kept in
 * sessionStorage: one tab's sign-in, gone when the tab closes.
 */
export type Session =
  | { kind: 'token'; token: string }
  | { kind: 'demo'; getToken: () => Promise<string>; agent: string }
  | { kind: 'signed-out'; reason: string | null };

export interface InboxConfig {
  demo: boolean;
  /** Demo mode only: the API key the terminal printed, shown in the banner. */
  demoApiKey: string | null;
}

const storageKey = 'switchboard-token';

/**
 * Who a token says the agent is (its `sub`), for "Mine" and the header; read, not verified —
 * the server verifies every request. Null for a token that is not a readable JWT.
 */
export function tokenAgent(token: string): string | null {
  try {
    const { sub } = decodeJwt(token);
    return typeof sub === 'string' && sub ? sub : null;
  } catch {
    return null;
  }
}

export async function loadConfig(): Promise<InboxConfig> {
  try {
    const response = await fetch('/inbox/config', { headers: { accept: 'application/json' } });
    if (!response.ok) return { demo: false, demoApiKey: null };
    return (await response.json()) as InboxConfig;
  } catch {
    return { demo: false, demoApiKey: null };
  }
}

/** Takes `#token=` out of the address (history.replaceState), keeping the path and query. */
export function takeFragmentToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return null;
  const token = decodeURIComponent(match[1]!);
  const rest = window.location.hash.replace(/(?:^#|&)token=[^&]+/, '').replace(/^&/, '');
  history.replaceState(
    history.state,
    '',
    window.location.pathname + window.location.search + (rest ? `#${rest}` : ''),
  );
  return token;
}

export function rememberToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(storageKey, token);
    else sessionStorage.removeItem(storageKey);
  } catch {
    // storage disabled: the sign-in lasts as long as the page
  }
}

function rememberedToken(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

async function demoToken(): Promise<{ token: string; agent: string }> {
  const response = await fetch('/inbox/demo-token', {
    method: 'POST',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`The demo sign-in failed (HTTP ${response.status}).`);
  return (await response.json()) as { token: string; agent: string };
}

export async function startSession(config: InboxConfig): Promise<Session> {
  const fromFragment = takeFragmentToken();
  if (fromFragment) {
    rememberToken(fromFragment);
    return { kind: 'token', token: fromFragment };
  }
  const remembered = rememberedToken();
  if (remembered) return { kind: 'token', token: remembered };
  if (config.demo) {
    try {
      const first = await demoToken();
      let pending: string | null = first.token;
      return {
        kind: 'demo',
        agent: first.agent,
        // The first call uses the token already fetched; later ones (renewals) ask again.
        getToken: async () => {
          if (pending) {
            const token = pending;
            pending = null;
            return token;
          }
          return (await demoToken()).token;
        },
      };
    } catch (error) {
      return { kind: 'signed-out', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { kind: 'signed-out', reason: null };
}
