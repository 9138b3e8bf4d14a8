import type { TokenSource } from '../connection/token-source.js';
import { SwitchboardError, errorFromResponse, unreachable } from '../errors.js';

export interface RestOptions {
  url: string;
  fetch: typeof fetch;
  tokens: TokenSource;
  /** A credential was refused even after a new token: the client is signed out. */
  onUnauthorized: () => void;
}

/** `path` with every substitution URL-encoded: path`/v1/conversations/${id}/read`. */
export const path = (strings: TemplateStringsArray, ...values: string[]): string =>
  String.raw(strings, ...values.map(encodeURIComponent));

/**
 * JSON over HTTP with the agent token. A 401 gets one new token and one more try; a second 401
 * signs the client out. Every failure is a `SwitchboardError` (`network` when nothing came back).
 */
export class Rest {
  readonly #o: RestOptions;

  constructor(o: RestOptions) {
    this.#o = o;
  }

  get<T>(path: string): Promise<T> {
    return this.#json('GET', path);
  }

  /** POSTs `body` as JSON (no body when undefined). */
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.#json('POST', path, body, headers);
  }

  /** A file (media): the body as a Blob, with the same authorization and errors as JSON calls. */
  async blob(path: string): Promise<Blob> {
    return (await this.#request('GET', path)).blob();
  }

  /** The current token (a fresh one with `fresh`), as a `SwitchboardError` when there is none. */
  async token(fresh = false): Promise<string> {
    const tokens = this.#o.tokens;
    try {
      return await (fresh ? tokens.fresh() : tokens.get());
    } catch (error) {
      if (error instanceof SwitchboardError) throw error;
      throw new SwitchboardError('unauthorized', `getToken failed: ${String(error)}`, true);
    }
  }

  async #json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await this.#request(method, path, body, headers);
    try {
      return (await response.json()) as T;
    } catch {
      throw new SwitchboardError('invalid_response', `${path} did not answer JSON.`, true, response.status);
    }
  }

  async #request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response> {
    const send = async (token: string) => {
      try {
        return await this.#o.fetch(this.#o.url + path, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...headers,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: JSON.stringify(body),
        });
      } catch (error) {
        throw unreachable(this.#o.url, error);
      }
    };
    let response = await send(await this.token());
    if (response.status === 401 && this.#o.tokens.renewable) response = await send(await this.token(true));
    if (response.status === 401) this.#o.onUnauthorized();
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }
}

/** `path?…` with the parameters that have a value. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value != null) query.set(name, String(value));
  return `${path}?${query}`;
}
