import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ControlTarget } from './control-target.js';

/**
 * `GET /_control/stream`: Server-Sent Events telling the phone page (or a test) what changed —
 * `data: {"type":"thread","waId","phoneNumberId"}` or `data: {"type":"customers"}` — so it can
 * re-read that part. A `: ping` comment every `pingIntervalMs` keeps proxies from closing an idle
 * stream; `X-Accel-Buffering: no` stops nginx from buffering it.
 */
export function serveEventStream(
  target: ControlTarget,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { pingIntervalMs: number; register: (end: () => void) => () => void },
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const write = (chunk: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const unsubscribe = target.subscribe((change) => write(`data: ${JSON.stringify(change)}\n\n`));
  const ping = setInterval(() => write(': ping\n\n'), options.pingIntervalMs);
  ping.unref();
  let ended = false;
  let unregister = () => {};
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    unsubscribe();
    unregister();
    if (!res.writableEnded) res.end();
  };
  unregister = options.register(end);
  request.raw.on('close', end);
  res.on('error', end);
}
