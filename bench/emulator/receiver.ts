/**
 * The app's side: a bare node:http webhook endpoint in its own process. It answers Meta's
 * verification handshake, reads each POST's raw body, verifies `X-Hub-Signature-256` with
 * `verifyMetaSignature`, reads the bench's stamp from the text, counts, and answers 200. It does as
 * little as a correct receiver can, so the rate it sees is the sender's.
 *
 * Run by run.ts: the secrets come in BENCH_APP_SECRET and BENCH_VERIFY_TOKEN, the port goes back
 * over IPC as `{ type: 'listening', port }`, and the counts on request (see protocol.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyMetaSignature } from '@switchboard/whatsapp/signature';
import { LatencyHistogram } from '../ingest/latency-histogram.js';
import type { ReceiverCommand, ReceiverProgress, ReceiverTotals, ReceiverWindow } from './protocol.js';
import { readStamp, monotonicMs } from './stamped-message.js';

const appSecret = process.env.BENCH_APP_SECRET;
const verifyToken = process.env.BENCH_VERIFY_TOKEN;
if (!appSecret || !verifyToken) throw new Error('receiver: BENCH_APP_SECRET or BENCH_VERIFY_TOKEN not set');
const secrets = [appSecret];
const maxBodyBytes = 3 * 1024 * 1024; // Meta's documented maximum webhook size.

let totals = emptyTotals();
/** Which sequence numbers arrived, one byte each, grown as needed (a run is well under 10^7). */
let seen = new Uint8Array(1 << 16);
let maxSequence = -1;
let bodyBytes = 0;
let window = { from: 0, verifiedAtMark: 0, histogram: new LatencyHistogram() };

function emptyTotals(): Omit<ReceiverTotals, 'type' | 'meanBodyBytes'> {
  return {
    received: 0,
    verified: 0,
    invalidSignature: 0,
    unstamped: 0,
    unique: 0,
    outOfOrder: 0,
    connections: 0,
  };
}

function record(raw: Buffer, signature: string | string[] | undefined): boolean {
  totals.received += 1;
  if (!verifyMetaSignature(raw, typeof signature === 'string' ? signature : undefined, secrets)) {
    totals.invalidSignature += 1;
    return false;
  }
  const receivedAt = monotonicMs();
  totals.verified += 1;
  bodyBytes += raw.length;
  const stamp = readStamp(raw);
  if (!stamp) {
    totals.unstamped += 1;
    return true;
  }
  window.histogram.record((receivedAt - stamp.sentAt) * 1000);
  if (stamp.sequence < maxSequence) totals.outOfOrder += 1;
  else maxSequence = stamp.sequence;
  if (stamp.sequence >= seen.length) {
    const grown = new Uint8Array(Math.max(seen.length * 2, stamp.sequence + 1));
    grown.set(seen);
    seen = grown;
  }
  if (seen[stamp.sequence] === 0) {
    seen[stamp.sequence] = 1;
    totals.unique += 1;
  }
  return true;
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    // The verification handshake (docs/whatsapp-cloud-api.md §1.1): echo the challenge.
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    const ok = query.get('hub.mode') === 'subscribe' && query.get('hub.verify_token') === verifyToken;
    res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' }).end(ok ? query.get('hub.challenge') : '');
    return;
  }
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
    const ok = record(Buffer.concat(chunks, size), req.headers['x-hub-signature-256']);
    res.writeHead(ok ? 200 : 401, { 'content-length': 0 }).end();
  });
});

function answer(command: ReceiverCommand): void {
  switch (command.type) {
    case 'reset':
      totals = emptyTotals();
      seen = new Uint8Array(1 << 16);
      maxSequence = -1;
      bodyBytes = 0;
      lastReported = -1;
      window = { from: performance.now(), verifiedAtMark: 0, histogram: new LatencyHistogram() };
      process.send?.({ type: 'reset' });
      return;
    case 'mark':
      window = {
        from: performance.now(),
        verifiedAtMark: totals.verified,
        histogram: new LatencyHistogram(),
      };
      process.send?.({ type: 'mark' });
      return;
    case 'window': {
      const reply: ReceiverWindow = {
        type: 'window',
        elapsedMs: performance.now() - window.from,
        verified: totals.verified - window.verifiedAtMark,
        latency: window.histogram.summary(),
      };
      process.send?.(reply);
      return;
    }
    case 'totals': {
      const reply: ReceiverTotals = {
        type: 'totals',
        ...totals,
        meanBodyBytes: totals.verified === 0 ? 0 : Math.round(bodyBytes / totals.verified),
      };
      process.send?.(reply);
    }
  }
}

// The closed-loop sender paces itself on this count (relayed by the parent), so it must be fresh:
// every 5 ms is 10 messages at 2,000/s, far below any useful window.
let lastReported = -1;
setInterval(() => {
  if (totals.received === lastReported) return;
  lastReported = totals.received;
  process.send?.({ type: 'progress', received: totals.received } satisfies ReceiverProgress);
}, 5);

process.on('message', answer);
server.on('connection', () => (totals.connections += 1));
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
