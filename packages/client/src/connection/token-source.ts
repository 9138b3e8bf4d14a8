import { SwitchboardError } from '../errors.js';

/**
 * The agent token: `getToken` is called once at a time (concurrent callers share the call), again
 * whenever a caller asks for a fresh one (before every reconnect, after a 401/4401), and the
 * current token's `exp` tells the controller when to refresh ahead of the server ending the stream.
 */
export class TokenSource {
  private current: string | null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly getToken: (() => Promise<string> | string) | null,
    token: string | null,
  ) {
    this.current = token;
  }

  /** The token at hand, fetching one if there is none. */
  get(): Promise<string> {
    return this.current !== null ? Promise.resolve(this.current) : this.fresh();
  }

  /** A new token from `getToken` (the fixed `token` when there is no `getToken`). */
  fresh(): Promise<string> {
    if (!this.getToken) {
      if (this.current === null)
        return Promise.reject(new SwitchboardError('unauthorized', 'Give createClient a token or getToken.'));
      return Promise.resolve(this.current);
    }
    this.pending ??= (async () => {
      try {
        const token = await this.getToken!();
        if (typeof token !== 'string' || token === '')
          throw new SwitchboardError('unauthorized', 'getToken returned no token.');
        this.current = token;
        return token;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  /** Whether a new token can be had at all (a fixed token cannot be renewed). */
  get renewable(): boolean {
    return this.getToken !== null;
  }

  /** `exp` of the current token in epoch ms, read (not verified: the server does that) from a JWT. */
  expiresAt(): number | null {
    const payload = this.current?.split('.')[1];
    if (!payload) return null;
    try {
      const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
      return typeof json.exp === 'number' ? json.exp * 1000 : null;
    } catch {
      return null;
    }
  }
}
