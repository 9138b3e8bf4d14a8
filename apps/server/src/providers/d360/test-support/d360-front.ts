import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulatorServer, type EmulatorServer } from '@switchboard/emulator';

/**
 * 360dialog in front of the emulator, for tests: the Cloud API as 360dialog serves it (docs/
 * providers.md) — `POST /messages` and `POST /media` without the number in the path, the
 * `D360-API-KEY` header instead of a bearer token, media downloads through its own host, templates
 * at `GET /v1/configs/templates`, and webhooks registered with `POST /v1/configs/webhook
 * {url, headers}`: the emulator's (Meta-signed) webhooks are forwarded there without Meta's
 * signature and with the registered headers, as 360dialog does. Requests with another key get 401.
 */
export interface D360Front {
  /** The base URL an adapter is configured with (`D360_BASE_URL`). */
  readonly url: string;
  readonly apiKey: string;
  readonly phoneNumberId: string;
  readonly emulator: EmulatorServer;
  /** What `POST /v1/configs/webhook` registered, if anything. */
  registered(): { url: string; headers: Record<string, string> } | null;
  /** Every request the front refused for its key. */
  readonly refused: number;
  close(): Promise<void>;
}

const emulatorToken = 'd360-front-internal-token';

/** A server's environment for a 360dialog channel behind this front (`WHATSAPP_PROVIDER=360dialog`). */
export function d360Env(front: D360Front, webhookToken: string): Record<string, string> {
  return {
    WHATSAPP_PROVIDER: '360dialog',
    D360_API_KEY: front.apiKey,
    D360_BASE_URL: front.url,
    D360_PHONE_NUMBER_ID: front.phoneNumberId,
    D360_WEBHOOK_TOKEN: webhookToken,
  };
}

export async function startD360Front(options: {
  apiKey: string;
  phoneNumberId: string;
  customers?: { waId: string; name: string; undeliverable?: boolean }[];
  statusDelaysMs?: { sent?: number; delivered?: number; read?: number };
  /** The number's sends per second at the emulator (its default is Meta's 80). */
  throughputPerSecond?: number;
  /** When the emulator delivers a failed webhook again (a forward the server did not answer). */
  webhookRetryScheduleMs?: readonly number[];
}): Promise<D360Front> {
  const wabaId = '300000000000360';
  let registration: { url: string; headers: Record<string, string> } | null = null;
  let refused = 0;
  let base = '';
  const front = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err), code: 502 } }));
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const emulator = await startEmulatorServer({
    port: 0,
    appSecret: 'd360-front-emulator-secret',
    verifyWebhookOnStart: false,
    webhookUrl: `${base}/_emulator/webhooks`,
    phonePage: false,
    accessTokens: [{ token: emulatorToken }],
    businessNumbers: [
      {
        phoneNumberId: options.phoneNumberId,
        displayPhoneNumber: '15550003600',
        wabaId,
        ...(options.throughputPerSecond && { throughputPerSecond: options.throughputPerSecond }),
      },
    ],
    customers: options.customers ?? [],
    ...(options.statusDelaysMs && { statusDelaysMs: options.statusDelaysMs }),
    ...(options.webhookRetryScheduleMs && { webhookRetryScheduleMs: options.webhookRetryScheduleMs }),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', base).pathname;
    if (path === '/_emulator/webhooks') {
      // The emulator's webhook: forwarded as 360dialog would, or answered 200 when none is registered.
      if (registration) {
        const forwarded = await fetch(registration.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...registration.headers },
          body,
        });
        res.writeHead(forwarded.status).end();
      } else res.writeHead(200).end();
      return;
    }
    if (req.headers['d360-api-key'] !== options.apiKey) {
      refused++;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ meta: { http_code: 401, developer_message: 'Invalid api key' } }));
      return;
    }
    if (req.method === 'POST' && path === '/v1/configs/webhook') {
      registration = JSON.parse(body.toString('utf8')) as typeof registration;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ url: registration?.url }));
      return;
    }
    if (req.method === 'GET' && path === '/v1/configs/templates') {
      const listed = await emulatorCall('GET', `/v23.0/${wabaId}/message_templates?limit=1000`);
      const data = ((await listed.json()) as { data?: unknown[] }).data ?? [];
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ waba_templates: data }));
      return;
    }
    const target =
      req.method === 'POST' && (path === '/messages' || path === '/media')
        ? `/v23.0/${options.phoneNumberId}${path}`
        : /^\/\d+$/.test(path)
          ? `/v23.0${path}` // a media lookup
          : (req.url ?? '/'); // a media download, as the lookup's URL named it
    const answer = await emulatorCall(req.method ?? 'GET', target, body, req.headers['content-type']);
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  function emulatorCall(method: string, path: string, body?: Buffer, contentType?: string) {
    return fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${emulatorToken}`,
        ...(contentType && { 'content-type': contentType }),
      },
      ...(body && body.length > 0 && method !== 'GET' && { body }),
    });
  }

  return {
    url: base,
    apiKey: options.apiKey,
    phoneNumberId: options.phoneNumberId,
    emulator,
    registered: () => registration,
    get refused() {
      return refused;
    },
    async close() {
      await emulator.close();
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
