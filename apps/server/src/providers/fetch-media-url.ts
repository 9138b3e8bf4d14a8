import { httpExchange, type HttpAgents } from './meta/graph/http-exchange.js';
import { providerErrorNotSent } from './meta/graph/provider-error.js';
import { MediaTooLargeError, type FetchedMedia, type ProviderError } from './provider.js';
import { ProviderRequestError } from './provider-request-error.js';

export interface MediaUrlFetch {
  url: URL;
  /** Sent on the first request only, and only when it goes to `credentialsOrigin`. */
  credentials: Readonly<Record<string, string>>;
  credentialsOrigin: string;
  timeoutMs: number;
  maxBytes: number;
  /** The error for an answer other than 200 or a redirect. */
  errorFor: (status: number) => ProviderError;
}

/**
 * Downloads a customer's file from a link a webhook named (Twilio's `MediaUrlN`, a custom
 * provider's `media.url`). Providers answer with a redirect to a storage host: it is followed (at
 * most three hops) without the credentials, which go to the provider's own API host only.
 */
export async function fetchMediaUrl(agents: HttpAgents, request: MediaUrlFetch): Promise<FetchedMedia> {
  let url = request.url;
  for (let hop = 0; hop < 3; hop++) {
    const trusted = hop === 0 && url.origin === request.credentialsOrigin;
    const exchange = await httpExchange(agents, {
      method: 'GET',
      url,
      headers: { ...(trusted && request.credentials), 'user-agent': 'switchboard' },
      timeoutMs: request.timeoutMs,
      maxResponseBytes: request.maxBytes,
    });
    if (exchange.kind === 'too_large') {
      throw new MediaTooLargeError(`the file is larger than ${request.maxBytes} bytes`);
    }
    if (exchange.kind === 'not_sent') {
      const error = providerErrorNotSent(exchange.code, exchange.reason);
      throw new ProviderRequestError('media download', { kind: 'rejected', error });
    }
    if (exchange.kind === 'ambiguous') {
      throw new ProviderRequestError('media download', { kind: 'ambiguous', reason: exchange.reason });
    }
    const location = exchange.headers.location;
    if (exchange.status >= 300 && exchange.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (exchange.status !== 200) {
      throw new ProviderRequestError('media download', {
        kind: 'rejected',
        error: request.errorFor(exchange.status),
      });
    }
    const type = exchange.headers['content-type'];
    return {
      bytes: exchange.body,
      mimeType: typeof type === 'string' ? type.split(';')[0]! : null,
      sha256: null,
    };
  }
  throw new ProviderRequestError('media download', { kind: 'ambiguous', reason: 'too many redirects' });
}
