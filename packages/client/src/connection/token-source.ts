import { SwitchboardError } from '../errors.js';

/**
 * The agent token: `getToken` is called once at a time (concurrent callers share the call), again
 * whenever a caller asks for a fresh one (before every reconnect, after a 401/4401), and the
 * current token's `exp` tells the controller when to refresh ahead of the server ending the stream.
 */
export class TokenSource {
  /** Whether a new token can be had at all (a fixed token cannot be renewed). */
  readonly renewable: boolean;
  readonly #getToken: () => Promise<string> | string;
  #current: string | null;
  #pending: Promise<string> | null = null;

  /** With no `getToken`, the fixed `token` stands in for it (and is what `fresh` gives). */
  constructor(getToken: (() => Promise<string> | string) | undefined, token: string | undefined) {
    this.renewable = getToken !== undefined;
    this.#getToken = getToken ?? (() => token ?? '');
    this.#current = token ?? null;
  }

  /** The token at hand, fetching one if there is none. */
  get(): Promise<string> {
    return this.#current !== null ? Promise.resolve(this.#current) : this.fresh();
  }

  /** A new token from `getToken`. */
  fresh(): Promise<string> {
    return (this.#pending ??= (async () => {
      try {
        const token = await this.#getToken();
        if (typeof token !== 'string' || token === '')
          throw new SwitchboardError('unauthorized', 'getToken gave no token.');
        return (this.#current = token);
      } finally {
        this.#pending = null;
      }
    })());
  }

  /**
   * When to renew the current token (epoch ms): `aheadMs` before its `exp`, or a quarter of its
   * lifetime before for short-lived tokens. Read (not verified: the server does that) from the
   * JWT's claims; null when the token carries no `exp`.
   */
  renewAt(aheadMs: number): number | null {
    const payload = this.#current?.split('.')[1];
    if (!payload) return null;
    try {
      const { exp, iat } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
        exp?: unknown;
        iat?: unknown;
      };
      if (typeof exp !== 'number') return null;
      const lifetime = typeof iat === 'number' ? (exp - iat) * 1000 : Infinity;
      return exp * 1000 - Math.min(aheadMs, lifetime / 4);
    } catch {
      return null;
    }
  }
}
