import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRequest } from '../provider-webhooks.js';

/**
 * A loopback endpoint that a provider (or its fake) delivers webhooks to: it answers 200 and
 * keeps each request exactly as it came (bytes, headers, URL), for a test to verify and normalize.
 */
export interface WebhookCapture {
  readonly url: string;
  /** The first captured request (from now on or already captured) that `matches`. */
  next(matches: (request: WebhookRequest) => boolean, timeoutMs?: number): Promise<WebhookRequest>;
  /** Every request captured so far. */
  all(): readonly WebhookRequest[];
  close(): Promise<void>;
}

export async function startWebhookCapture(
  answer: (req: IncomingMessage) => { status: number; body: string } = () => ({ status: 200, body: '' }),
): Promise<WebhookCapture> {
  const captured: WebhookRequest[] = [];
  const waiting = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // The emulator's verification handshake is a GET with hub.challenge: answer it like a server.
      const url = new URL(req.url ?? '/', 'http://capture');
      const challenge = url.searchParams.get('hub.challenge');
      if (req.method === 'GET' && challenge !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(challenge);
        return;
      }
      captured.push({ body: Buffer.concat(chunks), headers: req.headers, url: `${base}${req.url ?? '/'}` });
      for (const wake of waiting) wake();
      const { status, body } = answer(req);
      res.writeHead(status).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/webhooks`,
    all: () => captured,
    next(matches, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = captured.find(matches);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching webhook within ${timeoutMs} ms (${captured.length} captured)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiting.delete(check);
        };
        waiting.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
