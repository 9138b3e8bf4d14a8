import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/** A handler that answers some requests below Fastify. */
export interface FrontDoorRoute {
  method: string;
  /** The path, matched exactly (a query string is ignored). */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

// Fastify's defaults for the server it would have created itself (it sets none on a factory's).
const keepAliveTimeoutMs = 72_000;

/**
 * A Fastify `serverFactory` whose server hands the given routes to their handlers before Fastify
 * sees them, and everything else to Fastify. Only the webhook receivers take this way: they are the
 * hottest path and need nothing Fastify adds (see http/webhook-receiver.ts).
 */
export function frontDoor(routes: readonly FrontDoorRoute[]): FastifyServerFactory {
  return (fastifyHandler) => {
    const server: Server = createServer((req, res) => {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      const route = routes.find((r) => r.method === req.method && r.path === path);
      if (route) route.handle(req, res);
      else fastifyHandler(req, res);
    });
    server.keepAliveTimeout = keepAliveTimeoutMs;
    return server;
  };
}
