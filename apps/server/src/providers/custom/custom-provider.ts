import { fetchMediaUrl } from '../fetch-media-url.js';
import { HttpAgents, httpExchange, type HttpExchangeResult } from '../meta/graph/http-exchange.js';
import { parseRetryAfter, providerErrorInvalid, providerErrorNotSent } from '../meta/graph/provider-error.js';
import type {
  FetchedMedia,
  InboundMediaRef,
  MediaUpload,
  OutboundSend,
  Provider,
  ProviderError,
  ProviderErrorKind,
  SendOutcome,
} from '../provider.js';
import { ProviderRequestError } from '../provider-request-error.js';
import type { CustomProviderDefinition } from './compile-custom-provider.js';
import { buildRequest } from './custom-request.js';
import { ExpressionEvaluationError } from './jsonata-expression.js';

export interface CustomProviderOptions {
  definition: CustomProviderDefinition;
  /** The channel's business number (digits), `from` in the send expression's input. */
  phoneNumber: string;
  /** A signed, expiring public link to one of our files, which the provider fetches to send it. */
  mediaLink: (mediaId: string) => string;
  mediaLinkTtlMs: number;
  timeoutMs?: number;
}

const answerMaxBytes = 1024 * 1024;
const kinds = new Set<ProviderErrorKind>([
  'rate_limit',
  'pair_limit',
  'window',
  'undeliverable',
  'template',
  'auth',
  'invalid',
  'temporary',
  'other',
]);

/**
 * A provider declared in the config file (docs/custom-providers.md): each send is the operator's
 * JSONata body expression applied to the message, posted to their URL; the answer is read by their
 * `messageId` and `error` expressions. Media goes out as signed links to our files. Typing has no
 * declared request and succeeds without effect; read receipts are sent when `markRead` is declared.
 */
export class CustomProvider implements Provider {
  readonly mediaReuseMs: number;
  readonly #o: CustomProviderOptions;
  readonly #agents = new HttpAgents(64);

  constructor(options: CustomProviderOptions) {
    this.#o = options;
    this.mediaReuseMs = options.mediaLinkTtlMs;
  }

  async send(message: OutboundSend): Promise<SendOutcome> {
    const built = await buildRequest(this.#o.definition.send, this.#sendInput(message));
    if (!built.ok)
      return {
        kind: 'rejected',
        error: providerErrorInvalid(built.reason, 'Not sendable through this provider'),
      };
    const exchange = await httpExchange(this.#agents, {
      ...built,
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxResponseBytes: answerMaxBytes,
    });
    return this.#outcome(exchange);
  }

  uploadMedia(file: MediaUpload): Promise<{ id: string }> {
    return Promise.resolve({ id: this.#o.mediaLink(file.mediaId) });
  }

  fetchMedia(media: InboundMediaRef, options: { maxBytes: number }): Promise<FetchedMedia> {
    const name = this.#o.definition.name;
    return fetchMediaUrl(this.#agents, {
      url: new URL(media.url ?? media.providerMediaId),
      credentials: this.#o.definition.mediaHeaders,
      credentialsOrigin: new URL(this.#o.definition.send.url).origin,
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxBytes: options.maxBytes,
      errorFor: (status) => ({
        ...statusError(status, null, false),
        message: `${name} answered ${status} for the media`,
      }),
    });
  }

  async markRead(providerMessageId: string): Promise<void> {
    const request = this.#o.definition.markRead;
    if (!request) return;
    const built = await buildRequest(request, { providerMessageId, from: this.#o.phoneNumber });
    if (!built.ok) {
      throw new ProviderRequestError('mark read', {
        kind: 'rejected',
        error: providerErrorInvalid(built.reason),
      });
    }
    const exchange = await httpExchange(this.#agents, {
      ...built,
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxResponseBytes: answerMaxBytes,
    });
    if (exchange.kind === 'response' && exchange.status >= 200 && exchange.status < 300) return;
    const outcome = this.#failure(exchange);
    throw new ProviderRequestError('mark read', outcome);
  }

  sendTyping(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    this.#agents.close();
  }

  /** What the send expression sees (docs/custom-providers.md, the send input). */
  #sendInput(message: OutboundSend): Record<string, unknown> {
    const body = message.body;
    const media =
      'media' in body ? (body.media as { url?: string; caption?: string; filename?: string }) : null;
    return {
      to: message.to,
      from: this.#o.phoneNumber,
      messageId: message.messageId,
      type: body.type,
      text: body.type === 'text' ? body.text.body : (media?.caption ?? null),
      mediaUrl: message.providerMediaId ?? media?.url ?? null,
      filename: media?.filename ?? null,
      replyTo: message.replyToProviderMessageId,
      reactionTo: message.reactionTargetProviderMessageId,
      message: body,
    };
  }

  async #outcome(exchange: HttpExchangeResult): Promise<SendOutcome> {
    if (exchange.kind !== 'response') return this.#failure(exchange);
    const answer = answerInput(exchange);
    const ok = exchange.status >= 200 && exchange.status < 300;
    if (ok) {
      let id: unknown;
      try {
        id = await this.#o.definition.send.messageId.evaluate(answer);
      } catch (err) {
        if (!(err instanceof ExpressionEvaluationError)) throw err;
        // The provider took something: what it was cannot be read, so it must not be sent again blindly.
        return { kind: 'ambiguous', reason: err.message };
      }
      if ((typeof id === 'string' && id !== '') || typeof id === 'number') {
        return { kind: 'accepted', providerMessageId: String(id) };
      }
    }
    const declared = await this.#declaredError(answer);
    // A 2xx, or a 5xx not declared retryable, may mean the provider took the message: an error
    // read from it counts only as a final refusal, never as one the outbox would send again.
    const uncertain =
      ok || (exchange.status >= 500 && !this.#o.definition.send.retryableStatuses.has(exchange.status));
    if (declared && !(uncertain && resends(declared))) return { kind: 'rejected', error: declared };
    if (ok) return { kind: 'ambiguous', reason: `HTTP ${exchange.status} without a message id` };
    return this.#failure(exchange);
  }

  /** The error the `error` expression reads from an answer, if it reads one. */
  async #declaredError(answer: {
    status: number;
    headers: unknown;
    body: unknown;
  }): Promise<ProviderError | null> {
    const expression = this.#o.definition.send.error;
    if (!expression) return null;
    let value: unknown;
    try {
      value = await expression.evaluate(answer);
    } catch {
      return null; // an answer the expression cannot read is classified by its status alone
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const declared = value as { code?: unknown; message?: unknown; kind?: unknown; retryable?: unknown };
    if (declared.code === undefined && declared.message === undefined) return null;
    const code =
      typeof declared.code === 'number' || typeof declared.code === 'string'
        ? declared.code
        : `http_${answer.status}`;
    const base = statusError(
      answer.status,
      null,
      this.#o.definition.send.retryableStatuses.has(answer.status),
    );
    const message = typeof declared.message === 'string' ? declared.message.slice(0, 2048) : base.message;
    return {
      ...base,
      code: typeof code === 'string' ? code.slice(0, 64) : code,
      title: message,
      message,
      kind:
        typeof declared.kind === 'string' && kinds.has(declared.kind as ProviderErrorKind)
          ? (declared.kind as ProviderErrorKind)
          : base.kind,
      retryable: typeof declared.retryable === 'boolean' ? declared.retryable : base.retryable,
    };
  }

  /** A failure classified by what happened on the wire and by the status line. */
  #failure(
    exchange: HttpExchangeResult,
  ): { kind: 'rejected'; error: ProviderError } | { kind: 'ambiguous'; reason: string } {
    switch (exchange.kind) {
      case 'not_sent':
        return { kind: 'rejected', error: providerErrorNotSent(exchange.code, exchange.reason) };
      case 'ambiguous':
        return { kind: 'ambiguous', reason: exchange.reason };
      case 'too_large':
        return { kind: 'ambiguous', reason: `an answer over ${exchange.limit} bytes` };
    }
    const status = exchange.status;
    const retryable = this.#o.definition.send.retryableStatuses.has(status);
    // A 5xx the operator has not declared retryable says nothing sure: it may have been taken.
    if (status >= 500 && !retryable)
      return { kind: 'ambiguous', reason: `HTTP ${status} from ${this.#o.definition.name}` };
    return {
      kind: 'rejected',
      error: statusError(status, parseRetryAfter(exchange.headers['retry-after']), retryable),
    };
  }
}

/** Whether the outbox sends a message again after this error (docs/sending.md). */
function resends(error: ProviderError): boolean {
  return error.retryable || error.kind === 'rate_limit' || error.kind === 'pair_limit';
}

function statusError(status: number, retryAfterMs: number | null, retryable: boolean): ProviderError {
  const kind: ProviderErrorKind =
    status === 429
      ? 'rate_limit'
      : status === 401 || status === 403
        ? 'auth'
        : retryable
          ? 'temporary'
          : status >= 400 && status < 500
            ? 'invalid'
            : 'other';
  return {
    code: `http_${status}`,
    title: `The provider answered HTTP ${status}`,
    message: `The provider answered HTTP ${status}`,
    details: null,
    retryable,
    httpStatus: status,
    retryAfterMs,
    kind,
    subcode: null,
    fbtraceId: null,
  };
}

/** `{status, headers, body}`: the body parsed as JSON where it is JSON, else its text. */
function answerInput(exchange: Extract<HttpExchangeResult, { kind: 'response' }>) {
  const text = exchange.body.toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the expressions see the text
  }
  return { status: exchange.status, headers: exchange.headers, body };
}
