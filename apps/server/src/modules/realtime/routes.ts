import type {} from '@fastify/websocket';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type WebSocket from 'ws';
import type { EventHub } from '../../realtime/event-hub.js';
import type { Subscription } from '../../realtime/subscription.js';
import type { Store } from '../../store/store.js';
import { closeCodeForStatus, closeCodes } from './close-codes.js';
import type { RealtimeOptions } from './realtime-options.js';
import { streamOptions, streamQuery } from './stream-access.js';
import { WebSocketLiveness } from './websocket-liveness.js';
import { WebSocketSink } from './websocket-sink.js';

export interface RealtimeRouteDeps {
  store: Store;
  hub: EventHub;
  options: RealtimeOptions;
}

/** `GET /v1/realtime`: the WebSocket transport of the event stream (docs/realtime.md). */
export async function realtimeRoutes(app: FastifyInstance, deps: RealtimeRouteDeps): Promise<void> {
  const { store, hub, options } = deps;
  const liveness = new WebSocketLiveness(options);
  app.addHook('onClose', async () => liveness.close());

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/realtime',
    {
      websocket: true,
      schema: { querystring: streamQuery },
      // Auth failures are deferred to the handler, which closes the accepted socket with 4401.
      config: { allowQueryToken: true, deferAuthErrors: true },
      errorHandler: closeRefusedUpgrade(app),
    },
    async (socket: WebSocket, request) => {
      let subscription: Subscription | null = null;
      let closed = false;
      socket.once('close', () => {
        closed = true;
        subscription?.cancel();
      });
      // Client frames ({"type":"pong"}) only prove liveness; nothing else is read.
      socket.on('message', () => {});
      let subscribeOptions;
      try {
        if (!request.principal && request.authError) throw request.authError;
        subscribeOptions = await streamOptions(request.principal, request.query, store);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        socket.close(closeCodeForStatus(status), (error as Error).message.slice(0, 120));
        return;
      }
      if (closed) return;
      liveness.add(socket);
      subscription = await hub.subscribe(
        { ...subscribeOptions, after: request.query.after },
        new WebSocketSink(socket),
      );
      if (closed) subscription.cancel();
    },
  );
}

/**
 * A WebSocket client cannot read an HTTP status (browsers report only code 1006), so an upgrade
 * refused by the auth hook or by validation is accepted and closed at once with 4401/4403/4400.
 * Plain HTTP requests keep the usual JSON error (the parent error handler).
 */
function closeRefusedUpgrade(app: FastifyInstance) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!request.ws) throw error;
    // Authentication comes before anything else: a caller without a valid credential learns
    // nothing about its query (and a client reading 4401 knows to fetch a new token).
    const refused = !request.principal && request.authError ? request.authError : error;
    const status = (refused as FastifyError).statusCode ?? (refused as { status?: number }).status ?? 500;
    const code = status === 400 ? closeCodes.badRequest : closeCodeForStatus(status);
    reply.hijack();
    app.websocketServer.handleUpgrade(request.raw, request.raw.socket, Buffer.alloc(0), (socket) => {
      socket.close(code, refused.message.slice(0, 120));
    });
  };
}
