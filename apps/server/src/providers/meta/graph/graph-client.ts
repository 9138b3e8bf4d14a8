import { MEDIA_MAX_BYTES } from '@switchboard/whatsapp';
import { ProviderRequestError } from '../../provider-request-error.js';
import type { SendOutcome } from '../../provider.js';
import { HttpAgents, httpExchange, type HttpExchangeResult } from './http-exchange.js';
import {
  graphErrorObject,
  parseRetryAfter,
  providerErrorFromGraph,
  providerErrorFromHttpStatus,
  providerErrorInvalid,
  providerErrorNotSent,
  type ProviderError,
} from './provider-error.js';

export type { ProviderError, ProviderErrorKind } from './provider-error.js';

export interface GraphClientOptions {
  /** Base URL including the version, e.g. `http://127.0.0.1:4004/v23.0` or `https://graph.facebook.com/v23.0`. */
  graphUrl: string;
  accessToken: string;
  phoneNumberId: string;
  /** Needed only by `listTemplates`. */
  wabaId?: string | null;
  /** Wall-clock limit of one HTTP exchange, answer included. Default 15,000. */
  timeoutMs?: number;
  /**
   * How the Cloud API is reached (docs/providers.md): `graph`, Meta's own (`/{phone-number-id}/…`,
   * `Authorization: Bearer`, the default), or `360dialog`, which proxies it (`/messages` and
   * `/media` without the number, the `D360-API-KEY` header, media downloads through the base URL's
   * host, templates at `/v1/configs/templates`).
   */
  dialect?: 'graph' | '360dialog';
}

export type { SendOutcome };

export type MediaUploadInput = { mimeType: string; filename: string } & (
  | { bytes: Uint8Array | Blob }
  /** Read to the end before the upload (FormData takes only Blobs), up to the largest media size. */
  | { stream: AsyncIterable<Uint8Array> }
);

/** `GET /{media-id}`, with `file_size` as a number (Meta documents a string). */
export interface MediaInfo {
  id: string;
  /** Valid for 5 minutes; download it with `downloadMedia` (it needs the bearer token). */
  url: string;
  mimeType: string;
  /** As the API gives it: hex for uploads in the emulator; Meta does not document the encoding. */
  sha256: string;
  fileSize: number;
}

/** One entry of `GET /{waba-id}/message_templates`, as Graph answers it. */
export type GraphMessageTemplate = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly status: string;
};

type CallResult =
  | { kind: 'ok'; status: number; json: unknown; body: Buffer }
  | { kind: 'rejected'; error: ProviderError }
  | { kind: 'ambiguous'; reason: string };

const JSON_ANSWER_MAX_BYTES = 4 * 1024 * 1024;
/** Connections kept per protocol (keep-alive); requests beyond wait for a free one. */
const MAX_SOCKETS = 256;
/** A guard against a provider whose cursors never end. */
const MAX_TEMPLATE_PAGES = 1000;

/**
 * Switchboard's client for the Cloud API Graph endpoints (docs/whatsapp-cloud-api.md §5–§7), used
 * by the outbox and media workers. Sends return a {@link SendOutcome} and never throw for provider
 * or network failures; the other calls throw a {@link ProviderRequestError}. The access token goes
 * only into the `Authorization` header and is scrubbed from every error text.
 *
 * @example
 * const graph = new GraphClient({ graphUrl: 'http://127.0.0.1:4004/v23.0', accessToken, phoneNumberId });
 * const outcome = await graph.sendMessage({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Hi' } });
 */
export class GraphClient {
  readonly #base: string;
  readonly #origin: string;
  readonly #token: string;
  readonly #phoneNumberId: string;
  readonly #wabaId: string | null;
  readonly #timeoutMs: number;
  readonly #agents: HttpAgents;
  readonly #dialect: 'graph' | '360dialog';

  constructor(options: GraphClientOptions) {
    const base = new URL(options.graphUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError(`graphUrl must be http(s); got ${base.protocol}`);
    }
    this.#base = base.href.replace(/\/+$/, '');
    this.#origin = base.origin;
    this.#token = options.accessToken;
    this.#phoneNumberId = options.phoneNumberId;
    this.#wabaId = options.wabaId ?? null;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#agents = new HttpAgents(MAX_SOCKETS);
    this.#dialect = options.dialect ?? 'graph';
  }

  /** `/{phone-number-id}/{node}` at Meta; `/{node}` at 360dialog, where the key names the number. */
  #numberUrl(node: 'messages' | 'media'): URL {
    return this.#dialect === 'graph' ? this.#url(this.#phoneNumberId, node) : this.#url(node);
  }

  /** `POST /{phone-number-id}/messages` with a Cloud API message body. */
  async sendMessage(payload: Record<string, unknown>): Promise<SendOutcome> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(payload), 'utf8');
    } catch (error) {
      return { kind: 'rejected', error: unserializable(error) };
    }
    const result = await this.#call('POST', this.#numberUrl('messages'), {
      body,
      contentType: 'application/json',
    });
    if (result.kind !== 'ok') return result;
    const message = (result.json as { messages?: { id?: unknown; message_status?: unknown }[] } | null)
      ?.messages?.[0];
    if (typeof message?.id !== 'string' || message.id === '') {
      return { kind: 'ambiguous', reason: `HTTP ${result.status} without messages[0].id` };
    }
    return {
      kind: 'accepted',
      providerMessageId: message.id,
      ...(typeof message.message_status === 'string' && { messageStatus: message.message_status }),
    };
  }

  /** Marks a customer's message (and every earlier one) read; with `typing` shows "typing…" too. */
  async markRead(providerMessageId: string, typing = false): Promise<void> {
    const payload = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: providerMessageId,
      ...(typing && { typing_indicator: { type: 'text' } }),
    };
    const operation = typing ? 'typing indicator' : 'mark as read';
    const json = await this.#json(operation, 'POST', this.#numberUrl('messages'), {
      body: Buffer.from(JSON.stringify(payload)),
      contentType: 'application/json',
    });
    if ((json as { success?: unknown } | null)?.success !== true) throw unexpected(operation, 'success');
  }

  /** The typing indicator (mark-as-read plus `typing_indicator`); it ends after 25 s or with the next send. */
  sendTyping(providerMessageId: string): Promise<void> {
    return this.markRead(providerMessageId, true);
  }

  /** Multipart `POST /{phone-number-id}/media` → the media id to send with `{image: {id}}` etc. */
  async uploadMedia(file: MediaUploadInput): Promise<{ id: string }> {
    const blob =
      'bytes' in file
        ? file.bytes instanceof Blob
          ? file.bytes
          : new Blob([file.bytes], { type: file.mimeType })
        : new Blob(await readAll(file.stream, MEDIA_MAX_BYTES), { type: file.mimeType });
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', file.mimeType);
    form.set('file', blob, file.filename);
    // Let the platform's FormData encoder write the multipart body and its boundary.
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const body = Buffer.from(await encoded.arrayBuffer());
    const json = await this.#json('media upload', 'POST', this.#numberUrl('media'), {
      body,
      contentType,
    });
    const id = (json as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') throw unexpected('media upload', 'id');
    return { id };
  }

  /** `GET /{media-id}`: the first hop, a short-lived download URL and the file's metadata. */
  async getMedia(mediaId: string): Promise<MediaInfo> {
    const json = (await this.#json('media lookup', 'GET', this.#url(mediaId))) as Record<
      string,
      unknown
    > | null;
    const url = json?.url;
    const mimeType = json?.mime_type;
    const fileSize = Number(json?.file_size);
    if (typeof url !== 'string' || typeof mimeType !== 'string' || !Number.isFinite(fileSize)) {
      throw unexpected('media lookup', 'url, mime_type, file_size');
    }
    return {
      id: typeof json?.id === 'string' ? json.id : mediaId,
      url,
      mimeType,
      sha256: typeof json?.sha256 === 'string' ? json.sha256 : '',
      fileSize,
    };
  }

  /**
   * The second hop: the bytes behind a URL from `getMedia`, with the bearer token (only ever pass
   * URLs that came from Graph: the token goes to that host). A 404 means the URL expired (5 min):
   * call `getMedia` again. Bodies over `maxBytes` are refused without being read to the end.
   */
  async downloadMedia(url: string, options: { maxBytes: number }): Promise<Buffer> {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new TypeError(`media URLs must be http(s); got ${target.protocol}`);
    }
    if (this.#dialect === '360dialog') {
      // 360dialog serves Meta's media URLs from its own host, under the base URL, with the key:
      // the key never goes to another host.
      const base = new URL(this.#base);
      target.protocol = base.protocol;
      target.host = base.host;
      target.pathname = `${base.pathname.replace(/\/+$/, '')}${target.pathname}`;
    }
    const result = await this.#call('GET', target, { maxResponseBytes: options.maxBytes, raw: true });
    if (result.kind !== 'ok') throw new ProviderRequestError('media download', result);
    return result.body;
  }

  /** Every template of the WABA, following `paging.next` (or the `after` cursor) to the last page. */
  async listTemplates(options: { limit?: number } = {}): Promise<GraphMessageTemplate[]> {
    if (this.#dialect === '360dialog') return this.#list360Templates();
    if (this.#wabaId === null) throw new Error('listTemplates needs the wabaId option');
    const first = this.#url(this.#wabaId, 'message_templates');
    // Named explicitly: Meta's default field set is not documented to include parameter_format.
    first.searchParams.set('fields', 'id,name,language,status,category,parameter_format,components');
    if (options.limit !== undefined) first.searchParams.set('limit', String(options.limit));
    const templates: GraphMessageTemplate[] = [];
    let url: URL | undefined = first;
    for (let page = 0; url; page++) {
      if (page === MAX_TEMPLATE_PAGES)
        throw new Error(`message_templates has over ${MAX_TEMPLATE_PAGES} pages`);
      const json = (await this.#json('template listing', 'GET', url)) as {
        data?: unknown;
        paging?: { next?: unknown; cursors?: { after?: unknown } };
      } | null;
      if (!Array.isArray(json?.data)) throw unexpected('template listing', 'data');
      templates.push(...(json.data as GraphMessageTemplate[]));
      url = this.#nextPage(first, json.paging);
    }
    return templates;
  }

  /** 360dialog: `GET /v1/configs/templates` → `{waba_templates: [...]}` (Graph's objects, one page). */
  async #list360Templates(): Promise<GraphMessageTemplate[]> {
    const json = (await this.#json('template listing', 'GET', this.#url('v1', 'configs', 'templates'))) as {
      waba_templates?: unknown;
    } | null;
    if (!Array.isArray(json?.waba_templates)) throw unexpected('template listing', 'waba_templates');
    return json.waba_templates as GraphMessageTemplate[];
  }

  /**
   * 360dialog: where it delivers this number's webhooks, with which headers
   * (`POST /v1/configs/webhook {url, headers}`).
   */
  async registerWebhook(url: string, headers: Record<string, string>): Promise<void> {
    if (this.#dialect !== '360dialog') throw new Error('registerWebhook is a 360dialog call');
    await this.#json('webhook registration', 'POST', this.#url('v1', 'configs', 'webhook'), {
      body: Buffer.from(JSON.stringify({ url, headers })),
      contentType: 'application/json',
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agents.close();
  }

  /**
   * Graph's `next` link carries the `access_token` of the listing in its query: drop it (the header
   * authenticates) and follow the link only on the Graph origin, else rebuild it from `after`.
   */
  #nextPage(
    first: URL,
    paging: { next?: unknown; cursors?: { after?: unknown } } | undefined,
  ): URL | undefined {
    if (typeof paging?.next !== 'string') return undefined;
    const next = URL.canParse(paging.next) ? new URL(paging.next) : undefined;
    if (next && next.origin === this.#origin) {
      next.searchParams.delete('access_token');
      return next;
    }
    const after = paging.cursors?.after;
    if (typeof after !== 'string') throw unexpected('template listing', 'paging.cursors.after');
    const rebuilt = new URL(first);
    rebuilt.searchParams.set('after', after);
    return rebuilt;
  }

  #url(...segments: string[]): URL {
    return new URL(`${this.#base}/${segments.map(encodeURIComponent).join('/')}`);
  }

  async #json(
    operation: string,
    method: 'GET' | 'POST',
    url: URL,
    send?: { body: Buffer; contentType: string },
  ): Promise<unknown> {
    const result = await this.#call(method, url, send ?? {});
    if (result.kind !== 'ok') throw new ProviderRequestError(operation, result);
    return result.json;
  }

  async #call(
    method: 'GET' | 'POST',
    url: URL,
    options: { body?: Buffer; contentType?: string; maxResponseBytes?: number; raw?: boolean },
  ): Promise<CallResult> {
    const headers: Record<string, string> = {
      ...(this.#dialect === 'graph'
        ? { authorization: `Bearer ${this.#token}` }
        : { 'd360-api-key': this.#token }),
      accept: options.raw ? '*/*' : 'application/json',
      'user-agent': 'switchboard',
    };
    if (options.contentType) headers['content-type'] = options.contentType;
    const exchange = await httpExchange(this.#agents, {
      method,
      url,
      headers,
      ...(options.body && { body: options.body }),
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? JSON_ANSWER_MAX_BYTES,
    });
    return this.#interpret(exchange, !options.raw);
  }

  #interpret(exchange: HttpExchangeResult, expectJson: boolean): CallResult {
    switch (exchange.kind) {
      case 'not_sent':
        return {
          kind: 'rejected',
          error: providerErrorNotSent(exchange.code, this.#redact(exchange.reason)),
        };
      case 'ambiguous':
        return { kind: 'ambiguous', reason: this.#redact(exchange.reason) };
      case 'too_large':
        return exchange.status >= 200 && exchange.status < 300 && expectJson
          ? {
              kind: 'ambiguous',
              reason: `HTTP ${exchange.status} with an answer over ${exchange.limit} bytes`,
            }
          : { kind: 'rejected', error: tooLarge(exchange.status, exchange.limit) };
    }
    const { status, headers, body } = exchange;
    const ok = status >= 200 && status < 300;
    const json = ok && !expectJson ? undefined : parseJson(body);
    const graphError = graphErrorObject(json);
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    if (graphError) {
      return {
        kind: 'rejected',
        error: providerErrorFromGraph(graphError, status, retryAfterMs, (t) => this.#redact(t)),
      };
    }
    if (ok) {
      if (expectJson && json === undefined)
        return { kind: 'ambiguous', reason: `HTTP ${status} with an unreadable answer` };
      return { kind: 'ok', status, json, body };
    }
    // A gateway's 502/504 (or any 5xx that is not Graph's own error) says nothing about the request.
    if (status >= 500) return { kind: 'ambiguous', reason: `HTTP ${status} without a Graph error body` };
    const text = this.#redact(body.toString('utf8', 0, Math.min(body.length, 200)));
    return { kind: 'rejected', error: providerErrorFromHttpStatus(status, text, retryAfterMs) };
  }

  #redact(text: string): string {
    const scrubbed = text.replace(/access_token=[^&\s"']+/g, 'access_token=[redacted]');
    return this.#token === '' ? scrubbed : scrubbed.split(this.#token).join('[redacted]');
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function unexpected(operation: string, field: string): ProviderRequestError {
  return new ProviderRequestError(operation, {
    kind: 'ambiguous',
    reason: `the answer has no valid ${field}`,
  });
}

function unserializable(error: unknown): ProviderError {
  return providerErrorInvalid(`The payload is not JSON: ${(error as Error).message}`);
}

function tooLarge(status: number, limit: number): ProviderError {
  return {
    ...providerErrorNotSent(
      'response_too_large',
      `The answer (HTTP ${status}) is larger than ${limit} bytes.`,
    ),
    title: 'Answer too large',
    retryable: false,
    httpStatus: status,
    kind: 'invalid',
  };
}

async function readAll(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) throw new RangeError(`the media stream is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return chunks;
}
