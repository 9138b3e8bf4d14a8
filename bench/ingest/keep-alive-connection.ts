import { connect, type Socket } from 'node:net';

const headerEnd = Buffer.from('\r\n\r\n');
const crlf = Buffer.from('\r\n');

/**
 * One keep-alive HTTP/1.1 connection to a loopback port, one request in flight at a time.
 *
 * Why not node:http's Agent: on a 2-core machine the generator shares the CPUs with the server,
 * and http.request costs several times more per request than the bare baseline server spends
 * answering it, so the baseline would measure the client. This writes a prebuilt request head and
 * parses only what a webhook answer needs (status, Content-Length or chunked framing, Connection).
 */
export class KeepAliveConnection {
  private socket: Socket | null = null;
  private received: Buffer = Buffer.alloc(0);
  private pending: ((outcome: number | Error) => void) | null = null;

  constructor(
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves with the status code, or with an Error (transport, timeout, bad framing); never rejects. */
  post(path: string, headers: Record<string, string>, body: Buffer): Promise<number | Error> {
    if (this.pending) return Promise.resolve(new Error('request already in flight'));
    const socket = this.socket ?? this.open();
    let head = `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${this.port}\r\ncontent-length: ${body.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve) => {
      this.pending = resolve;
      socket.cork();
      socket.write(`${head}\r\n`, 'latin1');
      socket.write(body);
      socket.uncork();
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Socket {
    const socket = connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.parse();
    });
    socket.on('timeout', () => this.fail(socket, new Error(this.pending ? 'timeout' : 'idle')));
    socket.on('error', (error) => this.fail(socket, error));
    socket.on('close', () => this.fail(socket, new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  private fail(socket: Socket, error: Error): void {
    if (this.socket !== socket) return;
    this.close();
    this.received = Buffer.alloc(0);
    this.settle(error);
  }

  private settle(outcome: number | Error): void {
    const resolve = this.pending;
    this.pending = null;
    resolve?.(outcome);
  }

  private parse(): void {
    const socket = this.socket;
    const end = this.received.indexOf(headerEnd);
    if (!socket || end < 0) return;
    const head = this.received.toString('latin1', 0, end).toLowerCase();
    const status = Number(head.slice(9, 12));
    const bodyEnd = messageEnd(this.received, end + 4, head);
    if (bodyEnd === null) return;
    if (!head.startsWith('http/1.1 ') || Number.isNaN(status) || bodyEnd < 0) {
      this.fail(socket, new Error('unparsable response'));
      return;
    }
    this.received = this.received.subarray(bodyEnd);
    if (/\r\nconnection: *close/.test(head)) this.close();
    this.settle(status);
  }
}

/** Where the response ends: an offset, null if more bytes are needed, -1 if it cannot be framed. */
function messageEnd(data: Buffer, bodyStart: number, head: string): number | null {
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return data.length >= end ? end : null;
  }
  if (!/\r\ntransfer-encoding: *chunked/.test(head)) return bodyStart; // e.g. 204/304: no body.
  let at = bodyStart;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const lineEnd = data.indexOf(crlf, at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) return -1;
    // The last chunk (size 0) is followed by an empty trailer section: one more CRLF.
    const next = lineEnd + 2 + size + 2;
    if (data.length < next) return null;
    if (size === 0) return next;
    at = next;
  }
  return -1;
}
