import type { TokenSource } from '../connection/token-source.js';
import { SwitchboardError, errorFromResponse } from '../errors.js';

export interface RestOptions {
  url: string;
  fetch: typeof fetch;
  tokens: TokenSource;
  /** A credential was refused even after a new token: the client is signed out. */
  onUnauthorized: () => void;
}

export interface RestRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * JSON over HTTP with the agent token. A 401 gets one new token and one more try; a second 401
 * signs the client out. Every failure is a `SwitchboardError` (`network` when nothing came back).
 */
export class Rest {
  constructor(private readonly o: RestOptions) {}

  async request<T>(path: string, init: RestRequest = {}): Promise<T> {
    let response = await this.send(path, init, await this.token());
    if (response.status === 401 && this.o.tokens.renewable) {
      response = await this.send(path, init, await this.token(true));
    }
    if (response.status === 401) this.o.onUnauthorized();
    if (!response.ok) throw await errorFromResponse(response);
    try {
      return (await response.json()) as T;
    } catch {
      throw new SwitchboardError(
        'invalid_response',
        `The answer to ${path} is not JSON.`,
        true,
        response.status,
      );
    }
  }

  /** The current token (a fresh one with `fresh`), as a `SwitchboardError` when there is none. */
  async token(fresh = false): Promise<string> {
    try {
      return await (fresh ? this.o.tokens.fresh() : this.o.tokens.get());
    } catch (error) {
      if (error instanceof SwitchboardError) throw error;
      throw new SwitchboardError('unauthorized', `getToken failed: ${String(error)}`, true);
    }
  }

  private async send(path: string, init: RestRequest, token: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.o.fetch(this.o.url + path, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        signal: init.signal ?? null,
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') throw error;
      throw new SwitchboardError('network', `Could not reach ${this.o.url}: ${String(error)}`, true);
    }
  }
}
