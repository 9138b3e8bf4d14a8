import { HttpAgents, httpExchange, type HttpExchangeResult } from '../meta/graph/http-exchange.js';
import { providerErrorInvalid, providerErrorNotSent } from '../meta/graph/provider-error.js';
import { fetchMediaUrl } from '../fetch-media-url.js';
import {
  type FetchedMedia,
  type InboundMediaRef,
  type MediaUpload,
  type OutboundSend,
  type Provider,
  type ProviderTemplate,
  type SendOutcome,
} from '../provider.js';
import { twilioProviderError } from './twilio-errors.js';
import { twilioRefParameter } from './twilio-ref.js';
import { toTwilioTemplate } from './twilio-templates.js';
import { ProviderRequestError } from '../provider-request-error.js';

export interface TwilioProviderOptions {
  /** `TWILIO_API_URL`, default `https://api.twilio.com`. */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** `TWILIO_WHATSAPP_FROM`, like `whatsapp:+14155238886`. */
  from: string;
  /** Where Twilio reports statuses (`<public URL>/webhooks/twilio`). */
  statusCallback: string | null;
  /** A signed, expiring public link to one of our files, which Twilio fetches to send it. */
  mediaLink: (mediaId: string) => string;
  /** How long such a link stays valid. */
  mediaLinkTtlMs: number;
  /** Twilio's Content API (templates), default `https://content.twilio.com`. */
  contentUrl?: string;
  timeoutMs?: number;
}

const answerMaxBytes = 1024 * 1024;
const sendableMedia = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * Twilio's Messages API behind the `Provider` port (docs/providers.md, Twilio): a form-encoded
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` with Basic auth and `whatsapp:+…` addresses;
 * media as `MediaUrl` links to our files; templates as `ContentSid` + `ContentVariables`. Twilio
 * has no quoted replies, reactions, read receipts or typing indicator for WhatsApp in this API:
 * a reply goes without its quote, reactions and other types are refused as invalid, and
 * `markRead`/`sendTyping` succeed without effect.
 */
export class TwilioProvider implements Provider {
  readonly mediaReuseMs: number;
  readonly #o: TwilioProviderOptions;
  readonly #agents = new HttpAgents(64);
  readonly #auth: string;

  constructor(options: TwilioProviderOptions) {
    this.#o = options;
    this.mediaReuseMs = options.mediaLinkTtlMs;
    this.#auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  async send(message: OutboundSend): Promise<SendOutcome> {
    const form = this.#form(message);
    if (typeof form === 'string')
      return { kind: 'rejected', error: providerErrorInvalid(form, 'Not sendable through Twilio') };
    const url = this.#messagesUrl();
    const exchange = await httpExchange(this.#agents, {
      method: 'POST',
      url,
      headers: {
        authorization: this.#auth,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': 'switchboard',
      },
      body: Buffer.from(form.toString(), 'utf8'),
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxResponseBytes: answerMaxBytes,
    });
    return this.#outcome(exchange);
  }

  /** Twilio fetches media itself: the "upload" is a signed link to our file. */
  uploadMedia(file: MediaUpload): Promise<{ id: string }> {
    return Promise.resolve({ id: this.#o.mediaLink(file.mediaId) });
  }

  /** `MediaUrlN` with Basic auth; Twilio answers with a redirect to the file, fetched without it. */
  fetchMedia(media: InboundMediaRef, options: { maxBytes: number }): Promise<FetchedMedia> {
    return fetchMediaUrl(this.#agents, {
      url: new URL(media.url ?? media.providerMediaId),
      credentials: { authorization: this.#auth },
      credentialsOrigin: new URL(this.#o.apiUrl).origin,
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxBytes: options.maxBytes,
      errorFor: (status) => twilioProviderError(null, `Twilio answered ${status} for the media`, status),
    });
  }

  /**
   * Messages that may be an earlier attempt of this send (Twilio delivers no callback again after
   * a crash): among the newest 50 to the customer from our number, those created since the send
   * was queued with the same text and media count, oldest first, leaving out those Twilio failed
   * (sending again is then right). Templates are rendered by Twilio, so their text cannot be
   * compared: none.
   */
  async findSent(send: OutboundSend, options: { since: number }): Promise<string[]> {
    const form = this.#form(send);
    if (typeof form === 'string' || form.has('ContentSid')) return [];
    const url = this.#messagesUrl();
    url.searchParams.set('To', form.get('To')!);
    url.searchParams.set('From', this.#o.from);
    url.searchParams.set('PageSize', '50');
    const exchange = await this.#get(url, 4 * 1024 * 1024);
    if (exchange.kind !== 'response' || exchange.status !== 200) {
      throw new Error(
        `Twilio did not list the messages (${exchange.kind === 'response' ? `HTTP ${exchange.status}` : exchange.kind})`,
      );
    }
    const json = parseJson(exchange.body) as { messages?: unknown } | null;
    const body = form.get('Body') ?? '';
    const withMedia = form.has('MediaUrl');
    // Twilio's times are whole seconds: a second of slack either way.
    // Twilio lists the newest first: reversed, messages of the same second stay oldest first.
    const candidates = (Array.isArray(json?.messages) ? (json.messages as Record<string, unknown>[]) : [])
      .reverse()
      .filter(
        (m) =>
          typeof m.sid === 'string' &&
          m.status !== 'failed' &&
          m.status !== 'undelivered' &&
          Date.parse(String(m.date_created)) >= options.since - 1000 &&
          (m.body ?? '') === body &&
          Number(m.num_media ?? 0) > 0 === withMedia,
      )
      .sort((a, b) => Date.parse(String(a.date_created)) - Date.parse(String(b.date_created)));
    return candidates.map((m) => m.sid as string);
  }

  /** Twilio's Content templates with their WhatsApp approvals (`GET /v1/ContentAndApprovals`, every page). */
  async listTemplates(): Promise<ProviderTemplate[]> {
    const base = new URL(this.#o.contentUrl ?? 'https://content.twilio.com');
    let url: URL | null = new URL('/v1/ContentAndApprovals?PageSize=500', base);
    const templates: ProviderTemplate[] = [];
    for (let page = 0; url && page < 50; page++) {
      const exchange = await this.#get(url, 16 * 1024 * 1024);
      if (exchange.kind !== 'response' || exchange.status !== 200) {
        // Read as a send's answer would be: refused with Twilio's code, or no usable answer.
        const outcome = this.#outcome(exchange);
        throw new ProviderRequestError(
          'template listing',
          outcome.kind === 'accepted'
            ? { kind: 'ambiguous', reason: `HTTP ${exchange.kind === 'response' ? exchange.status : 0}` }
            : outcome,
        );
      }
      const json = parseJson(exchange.body) as {
        contents?: unknown;
        meta?: { next_page_url?: unknown };
      } | null;
      if (Array.isArray(json?.contents)) templates.push(...json.contents.flatMap(toTwilioTemplate));
      const next = json?.meta?.next_page_url;
      // Pages are followed on Twilio's own host only: the credentials go nowhere else.
      url =
        typeof next === 'string' && URL.canParse(next) && new URL(next).origin === base.origin
          ? new URL(next)
          : null;
    }
    return templates;
  }

  markRead(): Promise<void> {
    return Promise.resolve();
  }

  sendTyping(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    this.#agents.close();
  }

  #messagesUrl(): URL {
    const account = encodeURIComponent(this.#o.accountSid);
    return new URL(`${this.#o.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${account}/Messages.json`);
  }

  /** A GET with the account's credentials (Twilio's own hosts only). */
  #get(url: URL, maxResponseBytes: number): Promise<HttpExchangeResult> {
    return httpExchange(this.#agents, {
      method: 'GET',
      url,
      headers: { authorization: this.#auth, accept: 'application/json', 'user-agent': 'switchboard' },
      timeoutMs: this.#o.timeoutMs ?? 15_000,
      maxResponseBytes,
    });
  }

  /** The form fields of a send, or why Twilio cannot send it. */
  #form(message: OutboundSend): URLSearchParams | string {
    const form = new URLSearchParams({ From: this.#o.from, To: `whatsapp:+${message.to}` });
    if (this.#o.statusCallback) {
      // Our message id rides in the callback URL (Twilio signs it with the parameters): a status
      // then confirms a send whose answer was lost instead of letting it be sent twice.
      const callback = new URL(this.#o.statusCallback);
      callback.searchParams.set(twilioRefParameter, message.messageId);
      form.set('StatusCallback', callback.toString());
    }
    const body = message.body;
    if (body.type === 'text') {
      form.set('Body', body.text.body);
      return form;
    }
    if (sendableMedia.has(body.type) && 'media' in body) {
      const link = message.providerMediaId ?? body.media.url ?? null;
      if (!link) return 'a media message needs our media id or a URL';
      form.set('MediaUrl', link);
      if ('caption' in body.media && body.media.caption) form.set('Body', body.media.caption);
      return form;
    }
    if (body.type === 'template') {
      // Twilio sends approved templates by their Content SID, with positional variables: the SID
      // of the synced template, or a name that is a SID itself (`hx…`, as our names are lower case).
      const sid =
        message.providerTemplateId ??
        (/^hx[0-9a-f]{32}$/i.test(body.template.name) ? `HX${body.template.name.slice(2)}` : null);
      if (!sid) {
        return `template ${body.template.name} (${body.template.language.code}) is not synced from Twilio: sync the channel's templates (POST /v1/templates/sync), or send it by its Content SID`;
      }
      form.set('ContentSid', sid);
      const variables: Record<string, string> = {};
      let n = 1;
      for (const component of body.template.components ?? []) {
        for (const parameter of (component as { parameters?: { text?: unknown }[] }).parameters ?? []) {
          if (typeof parameter.text === 'string') variables[String(n++)] = parameter.text;
        }
      }
      if (n > 1) form.set('ContentVariables', JSON.stringify(variables));
      return form;
    }
    return `Twilio's Messages API cannot send a ${body.type} message on WhatsApp`;
  }

  #outcome(exchange: HttpExchangeResult): SendOutcome {
    switch (exchange.kind) {
      case 'not_sent':
        return { kind: 'rejected', error: providerErrorNotSent(exchange.code, exchange.reason) };
      case 'ambiguous':
        return { kind: 'ambiguous', reason: exchange.reason };
      case 'too_large':
        return { kind: 'ambiguous', reason: `an answer over ${exchange.limit} bytes` };
    }
    const json = parseJson(exchange.body) as {
      sid?: unknown;
      status?: unknown;
      code?: unknown;
      message?: unknown;
    } | null;
    if (exchange.status >= 200 && exchange.status < 300) {
      if (typeof json?.sid !== 'string' || json.sid === '') {
        return { kind: 'ambiguous', reason: `HTTP ${exchange.status} without a message sid` };
      }
      return {
        kind: 'accepted',
        providerMessageId: json.sid,
        ...(typeof json.status === 'string' && { messageStatus: json.status }),
      };
    }
    // Twilio's own 5xx says nothing sure about the request: it may have been taken.
    if (exchange.status >= 500) return { kind: 'ambiguous', reason: `HTTP ${exchange.status} from Twilio` };
    const retryAfter = Number(exchange.headers['retry-after']);
    return {
      kind: 'rejected',
      error: twilioProviderError(
        typeof json?.code === 'number' ? json.code : null,
        typeof json?.message === 'string' ? json.message : null,
        exchange.status,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
      ),
    };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
