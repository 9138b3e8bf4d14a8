import http from 'node:http';
import https from 'node:https';

/*
 * Why node:http and not the global fetch: the outbox must tell "nothing left this process" (safe to
 * resend) from "the request was written and no answer came" (must not be resent blindly). node:http
 * reports both moments (`socket` connect, and `finish` once the whole request has been handed to the
 * kernel); fetch folds every failure into `TypeError: fetch failed` and says nothing about how far
 * the request got. Keep-alive is an explicit Agent per client (bounded sockets, reused connections;
 * Node's agent honours the server's `Keep-Alive: timeout` hint, which avoids most reuse races), and
 * on loopback node:http carries more requests per second than fetch's WHATWG streams.
 */

export interface HttpExchangeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Wall-clock limit for the whole exchange, answer body included. */
  readonly timeoutMs: number;
  /** A longer answer body is not read (`too_large`). */
  readonly maxResponseBytes: number;
}

export type HttpExchangeResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: http.IncomingHttpHeaders;
      readonly body: Buffer;
    }
  /** The whole request never left: the provider cannot have acted on it. */
  | { readonly kind: 'not_sent'; readonly code: string; readonly reason: string }
  /** The request was written but no complete answer came back: the provider may have acted on it. */
  | { readonly kind: 'ambiguous'; readonly code: string; readonly reason: string }
  | { readonly kind: 'too_large'; readonly status: number; readonly limit: number };

/** Keep-alive agents for http and https, created on first use and destroyed by `close()`. */
export class HttpAgents {
  #http: http.Agent | undefined;
  #https: https.Agent | undefined;

  constructor(private readonly maxSockets: number) {}

  for(url: URL): http.Agent {
    const options = { keepAlive: true, maxSockets: this.maxSockets, scheduling: 'lifo' as const };
    if (url.protocol === 'https:') return (this.#https ??= new https.Agent(options));
    return (this.#http ??= new http.Agent(options));
  }

  close(): void {
    this.#http?.destroy();
    this.#https?.destroy();
    this.#http = undefined;
    this.#https = undefined;
  }
}

/**
 * One HTTP exchange that never throws: it resolves with the answer or with how far the request got.
 * "Written" means the request's `finish` event (all of it flushed to the socket): before it, the
 * server holds at most part of a request whose `Content-Length` it has not received, and so cannot
 * have acted; after it, a reset, a timeout or a cut answer is ambiguous.
 */
export function httpExchange(agents: HttpAgents, request: HttpExchangeRequest): Promise<HttpExchangeResult> {
  return new Promise((resolve) => {
    const client = request.url.protocol === 'https:' ? https : http;
    let written = false;
    let settled = false;
    const settle = (result: HttpExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const failed = (code: string, reason: string) =>
      settle(
        written
          ? { kind: 'ambiguous', code, reason: `${reason} after the request was sent` }
          : { kind: 'not_sent', code, reason: `${reason} before the request was sent` },
      );

    const headers = {
      ...request.headers,
      ...(request.body ? { 'content-length': String(request.body.length) } : {}),
    };
    let req: http.ClientRequest;
    try {
      req = client.request(request.url, { method: request.method, headers, agent: agents.for(request.url) });
    } catch (error) {
      resolve({ kind: 'not_sent', code: 'ERR_INVALID_REQUEST', reason: (error as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      failed('ETIMEDOUT', `no answer within ${request.timeoutMs} ms`);
      req.destroy();
    }, request.timeoutMs);

    req.on('finish', () => {
      written = true;
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      failed(error.code ?? 'ERR_NETWORK', `connection failed (${error.code ?? error.message})`);
    });
    req.on('response', (res) => {
      // An answer means the server read the request (it may answer before we finished writing).
      written = true;
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (declared > request.maxResponseBytes) {
        settle({ kind: 'too_large', status, limit: request.maxResponseBytes });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          settle({ kind: 'too_large', status, limit: request.maxResponseBytes });
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        settle({ kind: 'response', status, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        failed(error.code ?? 'ERR_NETWORK', `the answer was cut off (HTTP ${status})`),
      );
      res.on('close', () => {
        if (!res.complete) failed('ECONNRESET', `the answer was cut off (HTTP ${status})`);
      });
    });
    req.end(request.body);
  });
}
