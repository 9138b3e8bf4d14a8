import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Sends one webhook POST; resolves with the HTTP status or rejects on a network error/abort. */
export type PostWebhook = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}) => Promise<{ status: number }>;

/** {@link PostWebhook} over Node's global `fetch`; the response body is drained and ignored. */
export const fetchPostWebhook: PostWebhook = async ({ url, body, headers, signal }) => {
  const response = await fetch(url, { method: 'POST', body, headers, signal });
  // Draining frees the keep-alive connection for the next delivery.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};

/**
 * {@link PostWebhook} over node:http(s) with keep-alive agents of its own: the default. Per POST it
 * costs about half the CPU of `fetch` (undici, web streams, abort signals), which was most of what
 * the emulator spent per webhook (bench/emulator, docs/benchmarks.md). Like Meta, it does not
 * follow redirects: a 3xx is an answer other than 200. `close()` drops the idle connections.
 */
export function createHttpPostWebhook(): { post: PostWebhook; close: () => void } {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  const post: PostWebhook = ({ url, body, headers, signal }) =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(body, 'utf8');
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      // An aborted request fails with a generic AbortError; report why it was aborted, as fetch does.
      const fail = (error: Error) => {
        const reason: unknown = signal.aborted ? signal.reason : undefined;
        reject(reason instanceof Error ? reason : error);
      };
      const onResponse = (response: IncomingMessage) => {
        response.on('error', fail);
        // Draining frees the keep-alive connection for the next delivery.
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.resume();
      };
      const options = {
        method: 'POST',
        agent: secure ? https : http,
        headers: { ...headers, 'Content-Length': String(payload.length) },
        signal,
      };
      const request = secure
        ? httpsRequest(target, options, onResponse)
        : httpRequest(target, options, onResponse);
      request.on('error', fail);
      request.end(payload);
    });
  return {
    post,
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}
