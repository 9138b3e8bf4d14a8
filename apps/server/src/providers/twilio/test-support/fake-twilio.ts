import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Twilio's Messages API for WhatsApp as a fake, for tests: it checks what the real one checks
 * (Basic auth with the account SID and auth token, the form fields, `whatsapp:+…` addresses, the
 * 24-hour window), fetches `MediaUrl` as Twilio does, and reports to `StatusCallback`. Its
 * callbacks and incoming messages go to `webhookUrl`, signed by its own implementation of
 * Twilio's algorithm (written from Twilio's security page, not shared with the adapter's).
 */
export interface FakeTwilio {
  readonly url: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** The business number, `whatsapp:+…`. */
  readonly from: string;
  /** Where incoming messages are posted (statuses go to each send's StatusCallback). */
  webhookUrl: string;
  /** The Content templates it lists (`GET /v1/ContentAndApprovals`, two per page). */
  readonly contents: FakeTwilioContent[];
  /** Every accepted send, with its form as Twilio received it and, for media, the fetched bytes. */
  readonly sent: SentByTwilio[];
  /** A customer writes; resolves once the webhook was answered. */
  customerWrites(waId: string, body: string): Promise<{ sid: string }>;
  customerSendsMedia(
    waId: string,
    bytes: Buffer,
    mimeType: string,
    caption?: string,
  ): Promise<{ sid: string }>;
  close(): Promise<void>;
}

export interface FakeTwilioContent {
  sid: string;
  /** Its WhatsApp template name; null for content never submitted to WhatsApp. */
  name: string | null;
  language: string;
  body: string;
  status: string;
}

export interface SentByTwilio {
  sid: string;
  /** When Twilio took it (epoch ms). */
  at: number;
  form: Record<string, string>;
  media: { bytes: Buffer; contentType: string | null } | null;
}

/** A server's environment for a Twilio channel on this fake (`WHATSAPP_PROVIDER=twilio`). */
export function twilioEnv(twilio: FakeTwilio): Record<string, string> {
  return {
    WHATSAPP_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_WHATSAPP_FROM: twilio.from,
    TWILIO_API_URL: twilio.url,
    TWILIO_CONTENT_URL: twilio.url,
  };
}

/** Twilio's signature, written again here on purpose (see the file's comment). */
function sign(token: string, url: string, fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', token).update(data).digest('base64');
}

export async function startFakeTwilio(options: {
  undeliverable?: string[];
  statusDelayMs?: number;
  /** Sends with this `Body` are taken, but answered only after `slowAnswerMs` (a lost answer). */
  slowBody?: string;
  slowAnswerMs?: number;
}): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const from = 'whatsapp:+14155238886';
  const sent: SentByTwilio[] = [];
  const lastInbound = new Map<string, number>();
  const media = new Map<string, { bytes: Buffer; type: string }>();
  const undeliverable = new Set(options.undeliverable ?? []);
  const contents: FakeTwilioContent[] = [
    {
      sid: `HX${'a'.repeat(32)}`,
      name: 'loan_update',
      language: 'en',
      body: 'Hello {{1}}, your loan {{2}} is ready.',
      status: 'approved',
    },
    {
      sid: `HX${'b'.repeat(32)}`,
      name: 'appointment',
      language: 'de',
      body: 'Ihr Termin ist am {{1}}.',
      status: 'approved',
    },
    { sid: `HX${'c'.repeat(32)}`, name: 'draft_offer', language: 'en', body: 'An offer.', status: 'pending' },
    { sid: `HX${'d'.repeat(32)}`, name: null, language: 'en', body: 'SMS only', status: '' },
  ];
  const delay = options.statusDelayMs ?? 5;
  let base = '';

  const post = async (url: string, fields: Record<string, string>) => {
    await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign(authToken, url, fields),
        'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
      },
      body: new URLSearchParams(fields).toString(),
    });
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string) =>
    json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', base).pathname;
    const mediaMatch = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\/(\w+)\/Media\/(\w+)$/.exec(path);
    const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (path.startsWith('/s3/')) {
      // Where Twilio redirects media downloads: no credentials needed, none wanted.
      if (req.headers.authorization) return error(res, 400, 0, 'the storage host takes no credentials');
      const file = media.get(path.slice(4));
      if (!file) return error(res, 404, 20404, 'not found');
      res.writeHead(200, { 'content-type': file.type }).end(file.bytes);
      return;
    }
    if (req.headers.authorization !== expectedAuth) return error(res, 401, 20003, 'Authenticate');
    if (mediaMatch && req.method === 'GET') {
      res.writeHead(307, { location: `${base}/s3/${mediaMatch[3]}` }).end();
      return;
    }
    if (req.method === 'GET' && path === '/v1/ContentAndApprovals') {
      // Two per page, as Twilio pages (its `meta.next_page_url`), to make the adapter follow pages.
      const page = Number(new URL(req.url ?? '/', base).searchParams.get('Page') ?? '0');
      const items = contents.slice(page * 2, page * 2 + 2).map((c) => ({
        sid: c.sid,
        account_sid: accountSid,
        friendly_name: c.name ?? 'sms_only',
        language: c.language,
        variables: {},
        types: { 'twilio/text': { body: c.body } },
        approval_requests:
          c.name === null
            ? {}
            : { name: c.name, category: 'UTILITY', status: c.status, rejection_reason: '' },
      }));
      const more = (page + 1) * 2 < contents.length;
      return json(res, 200, {
        contents: items,
        meta: {
          page,
          page_size: 2,
          next_page_url: more ? `${base}/v1/ContentAndApprovals?PageSize=2&Page=${page + 1}` : null,
          key: 'contents',
        },
      });
    }
    if (req.method === 'GET' && path === `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      // The message list, newest first, filtered by To and From as Twilio's is.
      const query = new URL(req.url ?? '/', base).searchParams;
      const messages = sent
        .filter(
          (m) =>
            (!query.get('To') || m.form.To === query.get('To')) &&
            (!query.get('From') || m.form.From === query.get('From')),
        )
        .map((m) => ({
          sid: m.sid,
          to: m.form.To,
          from: m.form.From,
          body: m.form.Body ?? '',
          num_media: m.form.MediaUrl ? '1' : '0',
          status: 'sent',
          date_created: new Date(m.at).toUTCString(),
        }))
        .reverse()
        .slice(0, Number(query.get('PageSize') ?? '50'));
      return json(res, 200, { messages, page: 0, page_size: messages.length });
    }
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      return error(res, 404, 20404, `The requested resource ${path} was not found`);
    }
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return error(res, 400, 0, 'the Messages API takes form-encoded bodies');
    }
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const allowed = new Set([
      'From',
      'To',
      'Body',
      'MediaUrl',
      'StatusCallback',
      'ContentSid',
      'ContentVariables',
    ]);
    const unknown = Object.keys(form).filter((k) => !allowed.has(k));
    if (unknown.length > 0) return error(res, 400, 0, `unknown parameters ${unknown.join(', ')}`);
    if (form.From !== from)
      return error(res, 400, 63007, 'Twilio could not find a Channel with the specified From address');
    const to = /^whatsapp:\+(\d{6,15})$/.exec(form.To ?? '')?.[1];
    if (!to) return error(res, 400, 21211, "Invalid 'To' Phone Number");
    if (undeliverable.has(to)) return error(res, 400, 21211, `Invalid 'To' Phone Number: ${form.To}`);
    if (!form.Body && !form.MediaUrl && !form.ContentSid)
      return error(res, 400, 21602, 'Message body is required.');
    if (form.ContentSid) {
      const content = contents.find((c) => c.sid === form.ContentSid);
      if (!content) return error(res, 400, 21655, 'The ContentSid is Invalid.');
      const wanted = content.body.match(/\{\{\d+\}\}/g)?.length ?? 0;
      const given = Object.keys(
        form.ContentVariables ? (JSON.parse(form.ContentVariables) as object) : {},
      ).length;
      if (given !== wanted) return error(res, 400, 63028, `Expected ${wanted} variables, got ${given}`);
    }
    let fetched: SentByTwilio['media'] = null;
    if (form.MediaUrl) {
      const answer = await fetch(form.MediaUrl);
      if (!answer.ok) return error(res, 400, 63019, `Media failed to download (${answer.status})`);
      fetched = {
        bytes: Buffer.from(await answer.arrayBuffer()),
        contentType: answer.headers.get('content-type'),
      };
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    sent.push({ sid, at: Date.now(), form, media: fetched });
    const answer = () =>
      json(res, 201, { sid, status: 'queued', to: form.To, from: form.From, account_sid: accountSid });
    if (options.slowBody !== undefined && form.Body === options.slowBody) {
      setTimeout(answer, options.slowAnswerMs ?? 2000);
    } else answer();
    const callback = form.StatusCallback;
    if (!callback) return;
    const open = (lastInbound.get(to) ?? 0) > Date.now() - 24 * 3600_000;
    const steps: Record<string, string>[] =
      open || form.ContentSid
        ? [{ MessageStatus: 'sent' }, { MessageStatus: 'delivered' }, { MessageStatus: 'read' }]
        : [{ MessageStatus: 'undelivered', ErrorCode: '63016' }];
    for (const [i, step] of steps.entries()) {
      setTimeout(
        () =>
          void post(callback, {
            AccountSid: accountSid,
            MessageSid: sid,
            SmsSid: sid,
            From: from,
            To: form.To!,
            ChannelToAddress: `+${to}`,
            ...step,
          }).catch(() => undefined),
        delay * (i + 1),
      );
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => error(res, 500, 0, String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeTwilio = {
    url: base,
    accountSid,
    authToken,
    from,
    webhookUrl: '',
    contents,
    sent,
    async customerWrites(waId, body) {
      lastInbound.set(waId, Date.now());
      const sid = `SM${randomBytes(16).toString('hex')}`;
      await post(fake.webhookUrl, incoming(sid, waId, { Body: body, NumMedia: '0' }));
      return { sid };
    },
    async customerSendsMedia(waId, bytes, mimeType, caption = '') {
      lastInbound.set(waId, Date.now());
      const sid = `MM${randomBytes(16).toString('hex')}`;
      const mediaSid = `ME${randomBytes(16).toString('hex')}`;
      media.set(mediaSid, { bytes, type: mimeType });
      await post(
        fake.webhookUrl,
        incoming(sid, waId, {
          Body: caption,
          NumMedia: '1',
          MediaContentType0: mimeType,
          MediaUrl0: `${base}/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media/${mediaSid}`,
        }),
      );
      return { sid };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  function incoming(sid: string, waId: string, extra: Record<string, string>): Record<string, string> {
    return {
      SmsMessageSid: sid,
      MessageSid: sid,
      AccountSid: accountSid,
      From: `whatsapp:+${waId}`,
      To: from,
      WaId: waId,
      ProfileName: `Customer ${waId}`,
      SmsStatus: 'received',
      NumSegments: '1',
      ApiVersion: '2010-04-01',
      ...extra,
    };
  }
  return fake;
}
