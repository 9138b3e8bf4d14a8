/**
 * The baseline: the least a correct webhook receiver must do (read the raw body, check the HMAC in
 * constant time, answer 200) on bare node:http, with no framework, parsing or storage. Switchboard's
 * rate is reported as a share of this one, measured on the same machine in the same run.
 *
 * Run by run.ts as a child process: the app secret comes in BENCH_APP_SECRET, and the chosen port
 * goes back over IPC as `{ type: 'listening', port }`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const appSecret = process.env.BENCH_APP_SECRET;
if (!appSecret) throw new Error('bare-server: BENCH_APP_SECRET is not set');
const maxBodyBytes = 3 * 1024 * 1024; // Meta's documented maximum webhook size.
const prefix = 'sha256=';

function signatureMatches(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith(prefix)) return false;
  const received = Buffer.from(header.slice(prefix.length), 'hex');
  const expected = createHmac('sha256', appSecret!).update(body).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.writeHead(413).end();
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    const ok = signatureMatches(Buffer.concat(chunks, size), req.headers['x-hub-signature-256']);
    res.writeHead(ok ? 200 : 401, { 'content-length': 0 }).end();
  });
});

server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});
// The parent stops us by disconnecting (or by dying); never outlive it.
process.once('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
