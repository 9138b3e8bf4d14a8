import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EventHub } from '../../realtime/event-hub.js';
import type { Subscription } from '../../realtime/subscription.js';
import type { Store } from '../../store/store.js';
import type { RealtimeOptions } from '../realtime/realtime-options.js';
import { streamOptions, streamQuery } from '../realtime/stream-access.js';
import { SseHeartbeat } from './sse-heartbeat.js';
import { SseSink } from './sse-sink.js';

export interface EventStreamDeps {
  store: Store;
  hub: EventHub;
  options: RealtimeOptions;
}

/** `Last-Event-ID` as EventSource sends it on reconnect; anything but a seq is ignored. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** `GET /v1/events/stream`: the server-sent-events transport of the event stream (docs/realtime.md). */
export async function eventStreamRoutes(app: FastifyInstance, deps: EventStreamDeps): Promise<void> {
  const { store, hub, options } = deps;
  const heartbeat = new SseHeartbeat(options.heartbeatMs);
  app.addHook('onClose', async () => heartbeat.close());

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/events/stream',
    {
      config: { allowQueryToken: true },
      schema: {
        tags: ['events'],
        summary: 'The event stream as server-sent events',
        description:
          'First `event: ready` with `data: {"type":"ready","head":…,"recovered":…}`; then per event `id:` = seq, `event:` = type, `data:` = the event; `event: ping` (`data: {}`) every 15 s; a last `event: end` says why the server ended the stream. Reconnect with `Last-Event-ID` (preferred over `after`).',
        querystring: streamQuery,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const subscribeOptions = await streamOptions(request.principal, request.query, store);
      const after = lastEventId(request.headers['last-event-id']) ?? request.query.after;
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        // Not reused once the stream ends (EventSource reconnects on a new connection anyway), so
        // a server shutting down is not kept waiting by idle keep-alive sockets.
        connection: 'close',
        // nginx and similar proxies buffer responses unless told not to; events must not wait.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      request.raw.socket.setNoDelay(true);
      let subscription: Subscription | null = null;
      let closed = false;
      response.once('close', () => {
        closed = true;
        subscription?.cancel();
      });
      heartbeat.add(response);
      subscription = await hub.subscribe({ ...subscribeOptions, after }, new SseSink(response));
      if (closed) subscription.cancel();
    },
  );
}
