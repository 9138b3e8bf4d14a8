import { request as httpRequest, type ClientRequest } from 'node:http';
import WebSocket from 'ws';

export type Transport = 'websocket' | 'sse' | 'long-poll';
export const transports: Transport[] = ['websocket', 'sse', 'long-poll'];

export interface ClientTarget {
  /** Current base URL (`http://…`); read on every reconnect, so a restarted server is found. */
  baseUrl: () => string;
  authorization: string;
  conversationId?: string;
  ref?: string;
}

/**
 * A client that follows the event stream the way the SDK does: it remembers the last seq it got
 * and, whenever the connection ends, reconnects from there. It records what it received and any
 * violation (a seq not above the previous one) as it happens.
 */
export abstract class ResumingClient {
  readonly received: number[] = [];
  readonly problems: string[] = [];
  readonly readies: { head: number; recovered: boolean }[] = [];
  readonly closeCodes: number[] = [];
  pings = 0;
  connects = 0;
  protected cursor: number;
  protected stopped = false;

  constructor(
    protected readonly target: ClientTarget,
    after = 0,
  ) {
    this.cursor = after;
  }

  /** Destroys the connection at once (no close handshake); the client then resumes. */
  abstract disconnect(): void;
  protected abstract connect(): void;

  start(): this {
    this.connect();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.disconnect();
  }

  get last(): number | undefined {
    return this.received.at(-1);
  }

  protected record(seq: number): void {
    const last = this.received.at(-1);
    if (last !== undefined && seq <= last) this.problems.push(`seq ${seq} after ${last}`);
    this.received.push(seq);
    this.cursor = Math.max(this.cursor, seq);
  }

  protected query(extra: Record<string, string> = {}): string {
    const params = new URLSearchParams(extra);
    if (this.target.conversationId) params.set('conversationId', this.target.conversationId);
    if (this.target.ref) params.set('ref', this.target.ref);
    return params.toString();
  }

  protected reconnectSoon(): void {
    if (!this.stopped) setTimeout(() => !this.stopped && this.connect(), 10 + Math.random() * 30);
  }
}

export class WebSocketClient extends ResumingClient {
  private socket: WebSocket | null = null;

  protected connect(): void {
    this.connects++;
    const url = `${this.target.baseUrl().replace('http', 'ws')}/v1/realtime?${this.query({ after: String(this.cursor) })}`;
    const socket = new WebSocket(url, {
      headers: { authorization: this.target.authorization },
      perMessageDeflate: false,
    });
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as {
        type: string;
        head?: number;
        recovered?: boolean;
        event?: { seq: number };
      };
      if (frame.type === 'ready') this.readies.push({ head: frame.head!, recovered: frame.recovered! });
      else if (frame.type === 'event') this.record(frame.event!.seq);
      else if (frame.type === 'ping') {
        this.pings++;
        socket.send('{"type":"pong"}');
      } else this.problems.push(`unknown frame ${(data as Buffer).toString()}`);
    });
    socket.on('error', () => {});
    socket.on('close', (code) => {
      this.closeCodes.push(code);
      this.reconnectSoon();
    });
  }

  disconnect(): void {
    this.socket?.terminate();
  }
}

export class SseClient extends ResumingClient {
  private request: ClientRequest | null = null;
  statuses: number[] = [];

  protected connect(): void {
    this.connects++;
    let ended = false;
    const reconnect = () => {
      if (ended) return;
      ended = true;
      this.reconnectSoon();
    };
    const url = `${this.target.baseUrl()}/v1/events/stream?${this.query()}`;
    const request = httpRequest(url, {
      agent: false,
      headers: {
        authorization: this.target.authorization,
        accept: 'text/event-stream',
        'last-event-id': String(this.cursor),
      },
    });
    this.request = request;
    request.on('response', (response) => {
      this.statuses.push(response.statusCode ?? 0);
      if (response.statusCode !== 200) {
        response.resume();
        response.on('end', reconnect);
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.block(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      response.on('close', reconnect);
      response.on('error', reconnect);
    });
    request.on('error', reconnect);
    request.on('close', reconnect);
    request.end();
  }

  disconnect(): void {
    this.request?.destroy();
  }

  private block(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      const match = /^([a-z]+): ?(.*)$/.exec(line);
      if (match) fields[match[1]!] = match[2]!;
    }
    if (fields.event === 'ping') this.pings++;
    else if (block.startsWith('retry:'))
      this.readies.push(JSON.parse(block.split('\n')[1]!.slice(2)) as never);
    if (fields.id === undefined) return;
    const data = JSON.parse(fields.data ?? 'null') as { seq?: number; type?: string } | null;
    if (data?.seq !== Number(fields.id) || data.type !== fields.event) {
      this.problems.push(`frame id ${fields.id} event ${fields.event} data ${fields.data}`);
    }
    this.record(Number(fields.id));
  }
}

export class LongPollClient extends ResumingClient {
  private abort: AbortController | null = null;
  statuses: number[] = [];

  constructor(
    target: ClientTarget,
    after = 0,
    private readonly waitSeconds = 2,
  ) {
    super(target, after);
  }

  protected connect(): void {
    void this.loop();
  }

  disconnect(): void {
    this.abort?.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.connects++;
      const abort = new AbortController();
      this.abort = abort;
      try {
        const query = this.query({ after: String(this.cursor), wait: String(this.waitSeconds) });
        const { status, body } = await getJson(`${this.target.baseUrl()}/v1/events?${query}`, {
          authorization: this.target.authorization,
          signal: abort.signal,
        });
        this.statuses.push(status);
        if (status !== 200) throw new Error(`status ${status}`);
        const page = body as { events: { seq: number }[]; next: number; recovered: boolean };
        if (!page.recovered) this.problems.push('recovered: false');
        for (const event of page.events) this.record(event.seq);
        if (page.next < this.cursor) this.problems.push(`next ${page.next} below ${this.cursor}`);
        this.cursor = page.next;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 30));
      }
    }
  }
}

/**
 * A GET on a connection of its own (no keep-alive pool): aborting destroys exactly that socket,
 * the way a client that goes away does.
 */
export function getJson(
  url: string,
  options: { authorization: string; signal?: AbortSignal },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      agent: false,
      headers: { authorization: options.authorization },
      signal: options.signal,
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

export function createClient(transport: Transport, target: ClientTarget, after = 0): ResumingClient {
  if (transport === 'websocket') return new WebSocketClient(target, after);
  if (transport === 'sse') return new SseClient(target, after);
  return new LongPollClient(target, after);
}
