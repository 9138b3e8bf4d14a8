import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createHttpPostWebhook } from './post-webhook.js';

let server: Server;
let base: string;
const seen: { url: string; body: string; headers: Record<string, unknown> }[] = [];
let connections = 0;

beforeEach(async () => {
  seen.length = 0;
  connections = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 5_000).unref();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('a body to drain');
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (url: string, signal = new AbortController().signal) => ({
  url,
  body: '{"a":"\\u00fc"}',
  headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' },
  signal,
});

it('POSTs the exact body with the given headers and reuses one keep-alive connection', async () => {
  const { post, close } = createHttpPostWebhook();
  expect(await post(request(`${base}/hook`))).toEqual({ status: 200 });
  expect(await post(request(`${base}/hook`))).toEqual({ status: 200 });
  expect(seen.map((s) => s.body)).toEqual(['{"a":"\\u00fc"}', '{"a":"\\u00fc"}']);
  expect(seen[0]?.headers).toMatchObject({
    'content-type': 'application/json',
    'x-hub-signature-256': 'sha256=00',
    'content-length': '14',
  });
  expect(connections).toBe(1);
  close();
});

it('does not follow redirects: a 3xx is the answer', async () => {
  const { post, close } = createHttpPostWebhook();
  expect(await post(request(`${base}/moved`))).toEqual({ status: 302 });
  expect(seen.map((s) => s.url)).toEqual(['/moved']);
  close();
});

it('rejects with the abort reason, as fetch does, so a timeout reads as one', async () => {
  const { post, close } = createHttpPostWebhook();
  const abort = new AbortController();
  const pending = post(request(`${base}/slow`, abort.signal));
  abort.abort(new DOMException('too slow', 'TimeoutError'));
  await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
  await expect(post(request('http://127.0.0.1:9/refused'))).rejects.toThrow();
  close();
});
