import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type WebhookEnvelope,
  type WebhookMessage,
  type WebhookStatus,
  type WebhookValue,
} from '@switchboard/whatsapp';
import { verifyMetaSignature } from '@switchboard/whatsapp/signature';

export interface ReceivedWebhook {
  readonly raw: Buffer;
  readonly body: WebhookEnvelope;
  readonly signature: string | undefined;
  readonly signatureValid: boolean;
  readonly headers: IncomingMessage['headers'];
  /** The status this receiver answered. */
  readonly answered: number;
}

/**
 * A stand-in for the app's webhook endpoint on loopback (node:http): records every POST with its
 * raw bytes, checks `X-Hub-Signature-256` with `verifyMetaSignature`, answers the verification
 * handshake, and answers POSTs with the statuses it is told to (200 by default).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly handshakes: URLSearchParams[] = [];
  #answers: number[] = [];
  #hang = false;
  #waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: {
    appSecret: string;
    verifyToken?: string;
    port?: number;
  }): Promise<WebhookReceiver> {
    const holder: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => holder.receiver?.handle(req, Buffer.concat(chunks), res, options));
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/webhooks/meta`);
    return holder.receiver;
  }

  /** The next POSTs are answered with these statuses, in order; then 200 again. */
  answerWith(...statuses: number[]): void {
    this.#answers.push(...statuses);
  }

  /** While true, POSTs get no answer at all (the emulator's attempt times out). */
  hang(on: boolean): void {
    this.#hang = on;
  }

  /** POSTs answered 200. */
  get delivered(): ReceivedWebhook[] {
    return this.received.filter((r) => r.answered === 200);
  }

  values(): WebhookValue[] {
    return this.delivered.flatMap((r) =>
      r.body.entry.flatMap((e) => e.changes.map((c) => c.value as WebhookValue)),
    );
  }

  messages(): WebhookMessage[] {
    return this.values().flatMap((v) => v.messages ?? []);
  }

  statuses(): WebhookStatus[] {
    return this.values().flatMap((v) => v.statuses ?? []);
  }

  /** Waits until `count` POSTs (of any answer) have arrived. */
  async waitForPosts(count: number, timeoutMs = 5000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} webhook POSTs, got ${this.received.length}`);
      }
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.received;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    req: IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
    options: { appSecret: string; verifyToken?: string },
  ): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET') {
      this.handshakes.push(url.searchParams);
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === (options.verifyToken ?? '');
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
      res.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
      return;
    }
    if (this.#hang) return;
    const answered = this.#answers.shift() ?? 200;
    const signature = req.headers['x-hub-signature-256'];
    const sig = typeof signature === 'string' ? signature : undefined;
    this.received.push({
      raw,
      body: JSON.parse(raw.toString('utf8')) as WebhookEnvelope,
      signature: sig,
      signatureValid: verifyMetaSignature(raw, sig, [options.appSecret]),
      headers: req.headers,
      answered,
    });
    res.writeHead(answered, { 'content-type': 'text/plain' });
    res.end(answered === 200 ? 'EVENT_RECEIVED' : 'nope');
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
