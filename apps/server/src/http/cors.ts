import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { corsAllows, type CorsPolicy } from '../config/cors-origins.js';

/**
 * CORS for the API and the streams: browsers on an allowed origin may send the credentials and
 * headers the SDK uses; any other origin gets no CORS header at all (and so cannot read answers).
 * No cookies are involved (tokens travel in `Authorization` or `?token=`), so credentials mode is
 * off and a page on another origin can never ride on a user's session.
 */
export async function installCors(app: FastifyInstance, policy: CorsPolicy): Promise<void> {
  await app.register(cors, {
    origin: (origin, callback) => callback(null, corsAllows(policy, origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
    exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
    maxAge: 600,
    strictPreflight: true,
  });
}
