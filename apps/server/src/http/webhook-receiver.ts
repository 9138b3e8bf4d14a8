import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { errorEnvelope } from './error-handler.js';
import type { ChannelRegistry } from '../ingest/channel-registry.js';
import type { ProviderWebhooks } from '../providers/provider-webhooks.js';
import type { WebhookIngest } from '../ingest/webhook-ingest.js';
import { newId } from '../lib/ids.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ErrorCode } from '@switchboard/protocol';

export interface WebhookReceiverDeps {
  /** The provider this endpoint is for: the webhooks are stored under its name. */
  provider: string;
  /** How its webhooks are proven (providers/provider-webhooks.ts). */
  webhooks: Pick<ProviderWebhooks, 'verify'>;
  registry: ChannelRegistry;
  ingest: WebhookIngest;
  metrics: Metrics;
  log: FastifyBaseLogger;
  bodyLimit: number;
  /** What the provider posts: JSON (checked with the append), or a form (Twilio; checked here). */
  body?: 'json' | 'form';
  /** The external base URL, for providers that sign the URL they called (Twilio). */
  publicUrl?: string;
  /** What is stored of a verified webhook (default: the body as it came; Twilio adds its URL's ref). */
  stored?: (body: Buffer, url: string) => Buffer;
  /** The 200's body (default `{"received":true}`; Twilio wants TwiML). */
  accepted?: { contentType: string; body: string };
}

const accepted = '{"received":true}';
/** `application/json`, with parameters, or a `+json` type. */
const jsonType = /^\s*[a-z]+\/([a-z0-9.-]+\+)?json\s*(;|$)/i;

/**
 * A provider's webhook endpoint (`POST /webhooks/meta`, `POST /webhooks/360dialog`) on Node's own
 * request and response: read the raw bytes (up to the limit), check the provider's proof on them
 * before anything is parsed (Meta signs its own `\uXXXX`-escaped serialization; re-serializing
 * would break the HMAC), store the body durably, and only then answer 200. See docs/webhooks.md.
 *
 * It works below Fastify because it is the hottest path of the server and does none of what
 * Fastify adds (routing, schemas, hooks, serialization): during a burst Fastify's per-request work
 * cost as much as the receiver itself (docs/benchmarks.md). The server's front door hands it every
 * such POST (http/front-door.ts); the Fastify routes delegate to it too, so `inject` and a real
 * socket run the same code.
 */
export class WebhookReceiver {
  constructor(private readonly deps: WebhookReceiverDeps) {}

  handle(req: IncomingMessage, res: ServerResponse, requestId: string = newId('req_')): void {
    res.setHeader('x-request-id', requestId);
    const declared = Number(req.headers['content-length']);
    if (declared > this.deps.bodyLimit) {
      this.tooLarge(res, requestId);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > this.deps.bodyLimit) {
        refused = true;
        this.tooLarge(res, requestId);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      this.receive(body, req, res, requestId);
    });
    // A client that goes away mid-body gets nothing: there is nobody left to answer.
    req.on('error', () => undefined);
  }

  private receive(body: Buffer, req: IncomingMessage, res: ServerResponse, requestId: string): void {
    const { provider, registry, metrics, ingest, log } = this.deps;
    const receivedAt = Date.now();
    const secrets = registry.webhookSecrets(provider);
    const url = `${this.deps.publicUrl ?? ''}${req.url ?? ''}`;
    if (!this.deps.webhooks.verify({ body, headers: req.headers, url }, secrets)) {
      metrics.webhooksRejected.inc({ provider, reason: 'signature' });
      sendError(res, 'invalid_signature', requestId);
      return;
    }
    const form = this.deps.body === 'form';
    const type = req.headers['content-type'];
    const wrongType = form
      ? !String(type).startsWith('application/x-www-form-urlencoded')
      : // A JSON provider that names another type is refused; one that names none is read as JSON.
        type !== undefined && !jsonType.test(type);
    if (wrongType) {
      metrics.webhooksRejected.inc({ provider, reason: 'content_type' });
      const wanted = form ? 'application/x-www-form-urlencoded' : 'application/json';
      sendError(res, 'validation_failed', requestId, `The body must be ${wanted} (got ${type ?? 'none'}).`);
      return;
    }
    // The JSON check runs with the append (off the main thread on SQLite); nothing is parsed here.
    const stored = this.deps.stored ? this.deps.stored(body, url) : body;
    ingest.accept({ provider, body: stored, receivedAt, json: !form }).then(
      (outcome) => {
        if (!outcome.stored) {
          metrics.webhooksRejected.inc({ provider, reason: 'invalid_json' });
          sendError(res, 'invalid_json', requestId, `The body is not valid JSON: ${outcome.invalidJson}`);
          return;
        }
        const answer = this.deps.accepted;
        res.writeHead(200, { 'content-type': answer?.contentType ?? 'application/json; charset=utf-8' });
        res.end(answer?.body ?? accepted);
      },
      (err: unknown) => {
        // Not stored, so not acknowledged: the provider delivers it again.
        log.error({ err, requestId }, 'a webhook could not be stored; answered 503');
        sendError(res, 'not_ready', requestId, 'The webhook could not be stored. Deliver it again.');
      },
    );
  }

  private tooLarge(res: ServerResponse, requestId: string): void {
    this.deps.metrics.webhooksRejected.inc({ provider: this.deps.provider, reason: 'too_large' });
    // The rest of the body is not read: the connection closes after the answer.
    res.setHeader('connection', 'close');
    sendError(
      res,
      'payload_too_large',
      requestId,
      `The body is larger than ${this.deps.bodyLimit} bytes (webhookBodyLimitBytes in the config file).`,
    );
  }
}

function sendError(res: ServerResponse, code: ErrorCode, requestId: string, message?: string): void {
  const { status, body } = errorEnvelope(code, requestId, message);
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
