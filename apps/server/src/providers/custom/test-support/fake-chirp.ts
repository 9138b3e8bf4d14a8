import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * "Chirp", the imaginary provider of docs/custom-providers.md, as a fake for tests: its API is
 * nothing like Meta's (its own JSON, its own ids that become WhatsApp's later, batched events),
 * which is what the custom provider's expressions are for. It checks what its documentation says
 * it checks (the Bearer key, the JSON fields) and signs its webhooks with WebCrypto, written apart
 * from the adapter's node:crypto verification.
 */
export interface FakeChirp {
  readonly url: string;
  readonly apiKey: string;
  readonly webhookSecret: string;
  /** The business number, digits. */
  readonly number: string;
  /** Where Chirp posts its events. */
  webhookUrl: string;
  readonly sent: SentByChirp[];
  /** WhatsApp ids Chirp was asked to mark read. */
  readonly reads: string[];
  /** The customer writes (several texts go in one batched webhook); resolves with their ids. */
  customerWrites(waId: string, ...texts: string[]): Promise<string[]>;
  /** The customer replies to a message (by its WhatsApp id). */
  customerReplies(waId: string, text: string, inReplyTo: string): Promise<string>;
  customerSendsFile(waId: string, bytes: Buffer, mimeType: string, caption?: string): Promise<string>;
  /** The WhatsApp id Chirp gave one of its messages (known once it was sent). */
  whatsappIdOf(uuid: string): string | undefined;
  /** The next sends are refused with HTTP `status` (a 429 carries Retry-After). */
  refuseNext(count: number, status: number): void;
  close(): Promise<void>;
}

export interface SentByChirp {
  uuid: string;
  request: ChirpSend;
  /** The bytes of a file, fetched from its URL as Chirp does. */
  file: { bytes: Buffer; contentType: string | null } | null;
}

export interface ChirpSend {
  channel: 'whatsapp';
  sender: string;
  recipient: string;
  reference?: string;
  replyTo?: string | null;
  content:
    | { kind: 'text'; text: string }
    | { kind: 'file'; url: string; caption?: string | null; filename?: string | null }
    | { kind: 'template'; name: string; language: string; params?: string[] }
    | { kind: 'reaction'; emoji: string; messageId: string };
}

/** Chirp's signature, by its documentation: base64 HMAC-SHA256 of `<timestamp>.<body>`. */
async function sign(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`));
  return `v1=${Buffer.from(mac).toString('base64')}`;
}

export async function startFakeChirp(
  options: {
    undeliverable?: string[];
    statusDelayMs?: number;
    /** Deliveries after a failed one (default 0), `webhookRetryMs` apart (default 200). */
    webhookRetries?: number;
    webhookRetryMs?: number;
  } = {},
): Promise<FakeChirp> {
  const apiKey = `chirp_live_${randomBytes(12).toString('hex')}`;
  const webhookSecret = randomBytes(24).toString('base64url');
  const number = '4930901820';
  const sent: SentByChirp[] = [];
  const reads: string[] = [];
  const files = new Map<string, { bytes: Buffer; type: string }>();
  const whatsappIds = new Map<string, string>();
  const undeliverable = new Set(options.undeliverable ?? []);
  const delay = options.statusDelayMs ?? 5;
  const retries = options.webhookRetries ?? 0;
  const retryMs = options.webhookRetryMs ?? 200;
  let closed = false;
  let refusals: { count: number; status: number } = { count: 0, status: 0 };
  let next = 1;
  let base = '';

  /** Posts events; an answer other than 2xx (or none) is delivered again, as providers do. */
  const postEvents = async (events: unknown[]) => {
    const body = JSON.stringify({ events });
    for (let attempt = 0; ; attempt++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const answer = await fetch(fake.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'chirp-timestamp': timestamp,
            'chirp-signature': await sign(webhookSecret, timestamp, body),
          },
          body,
        });
        await answer.arrayBuffer();
        if (answer.ok || attempt >= retries) return;
      } catch (err) {
        if (attempt >= retries || closed) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, code: string, detail: string): void =>
    json(res, status, { errors: [{ code, detail }] }, status === 429 ? { 'retry-after': '2' } : {});

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', base).pathname;
    if (path.startsWith('/storage/')) {
      if (req.headers.authorization)
        return refuse(res, 400, 'NO_CREDENTIALS', 'storage takes no credentials');
      const file = files.get(path.slice('/storage/'.length));
      if (!file) return refuse(res, 404, 'NOT_FOUND', 'no such file');
      res.writeHead(200, { 'content-type': file.type }).end(file.bytes);
      return;
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return refuse(res, 401, 'UNAUTHORIZED', 'bad API key');
    const fileMatch = /^\/v1\/files\/(\w+)$/.exec(path);
    if (fileMatch && req.method === 'GET') {
      res.writeHead(302, { location: `${base}/storage/${fileMatch[1]}` }).end();
      return;
    }
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD', 'POST only');
    if (!req.headers['content-type']?.startsWith('application/json'))
      return refuse(res, 415, 'JSON_ONLY', 'the API takes JSON');
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse(res, 400, 'BAD_JSON', 'the body is not JSON');
    }
    if (path === '/v1/messages/read') {
      if (typeof payload.whatsappId !== 'string')
        return refuse(res, 400, 'INVALID', 'whatsappId is required');
      reads.push(payload.whatsappId);
      res.writeHead(204).end();
      return;
    }
    if (path !== '/v1/messages') return refuse(res, 404, 'NOT_FOUND', `no ${path}`);
    if (refusals.count > 0) {
      refusals.count--;
      return refuse(
        res,
        refusals.status,
        refusals.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE',
        'try later',
      );
    }
    const problem = checkSend(payload, number);
    if (problem) return refuse(res, 400, 'INVALID', problem);
    const request = payload as unknown as ChirpSend;
    const to = request.recipient.slice(1);
    if (undeliverable.has(to)) {
      return refuse(res, 422, 'RECIPIENT_NOT_ON_WHATSAPP', `${request.recipient} has no WhatsApp account`);
    }
    let file: SentByChirp['file'] = null;
    if (request.content.kind === 'file') {
      const answer = await fetch(request.content.url);
      if (!answer.ok) return refuse(res, 422, 'FILE_UNREACHABLE', `the file answered ${answer.status}`);
      file = {
        bytes: Buffer.from(await answer.arrayBuffer()),
        contentType: answer.headers.get('content-type'),
      };
    }
    const uuid = `chp_${randomBytes(8).toString('hex')}`;
    sent.push({ uuid, request, file });
    json(res, 202, { message: { uuid, state: 'accepted' } });
    // Chirp learns WhatsApp's id once the message is sent, and names both from then on.
    const whatsappId = `wamid.CHIRP${next++}`;
    ['sent', 'delivered', 'seen'].forEach((state, i) => {
      setTimeout(
        () => {
          if (state === 'sent') whatsappIds.set(uuid, whatsappId);
          void postEvents([
            {
              type: 'message.status',
              at: Math.floor(Date.now() / 1000) + i,
              status: {
                uuid,
                whatsappId,
                state,
                sender: `+${number}`,
                recipient: request.recipient,
                reference: request.reference ?? null,
              },
            },
          ]).catch(() => undefined);
        },
        delay * (i + 1),
      );
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((err: unknown) =>
        refuse(res, 500, 'INTERNAL', String(err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const received = (waId: string, content: unknown, inReplyTo: string | null = null) => {
    const id = `wamid.IN${randomBytes(8).toString('hex')}`;
    return {
      id,
      event: {
        type: 'message.received',
        at: new Date().toISOString(),
        message: {
          id,
          from: `+${waId}`,
          to: `+${number}`,
          contact: { name: `Customer ${waId}` },
          content,
          inReplyTo,
        },
      },
    };
  };
  const fake: FakeChirp = {
    url: base,
    apiKey,
    webhookSecret,
    number,
    webhookUrl: '',
    sent,
    reads,
    async customerWrites(waId, ...texts) {
      const events = texts.map((text) => received(waId, { kind: 'text', text }));
      await postEvents(events.map((e) => e.event));
      return events.map((e) => e.id);
    },
    async customerReplies(waId, text, inReplyTo) {
      const { id, event } = received(waId, { kind: 'text', text }, inReplyTo);
      await postEvents([event]);
      return id;
    },
    async customerSendsFile(waId, bytes, mimeType, caption) {
      const fileId = randomBytes(8).toString('hex');
      files.set(fileId, { bytes, type: mimeType });
      const { id, event } = received(waId, {
        kind: 'file',
        url: `${base}/v1/files/${fileId}`,
        mimeType,
        caption: caption ?? null,
      });
      await postEvents([event]);
      return id;
    },
    whatsappIdOf: (uuid) => whatsappIds.get(uuid),
    refuseNext(count, status) {
      refusals = { count, status };
    },
    async close() {
      closed = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return fake;
}

/** What Chirp's API refuses, by its documentation; null when the send is well-formed. */
function checkSend(payload: Record<string, unknown>, number: string): string | null {
  const known = new Set(['channel', 'sender', 'recipient', 'reference', 'replyTo', 'content']);
  const unknown = Object.keys(payload).filter((k) => !known.has(k));
  if (unknown.length > 0) return `unknown fields ${unknown.join(', ')}`;
  if (payload.channel !== 'whatsapp') return 'channel must be "whatsapp"';
  if (payload.sender !== `+${number}`) return `sender must be +${number}`;
  if (typeof payload.recipient !== 'string' || !/^\+\d{6,15}$/.test(payload.recipient))
    return 'recipient must be + and digits';
  const content = payload.content as Record<string, unknown> | undefined;
  switch (content?.kind) {
    case 'text':
      return typeof content.text === 'string' && content.text !== '' ? null : 'content.text is required';
    case 'file':
      return typeof content.url === 'string' && /^https?:\/\//.test(content.url)
        ? null
        : 'content.url is required';
    case 'template':
      return typeof content.name === 'string' && typeof content.language === 'string'
        ? null
        : 'content.name and content.language are required';
    case 'reaction':
      return typeof content.messageId === 'string' ? null : 'content.messageId is required';
    default:
      return 'content.kind must be text, file, template or reaction';
  }
}
