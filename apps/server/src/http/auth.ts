import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

// Compare digests, not the strings: equal lengths for timingSafeEqual, and no length leak.
const digest = (value: string) => createHash('sha256').update(value).digest();

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

/** Requires `Authorization: Bearer <api key>` on every route of the instance it is added to. */
export function requireApiKey(app: FastifyInstance, apiKey: string): void {
  const expected = digest(apiKey);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (!token || !timingSafeEqual(digest(token), expected)) throw new AppError('unauthorized');
    request.principal = { kind: 'apiKey' };
  });
}
