import type { FastifyRequest } from 'fastify';
import type { AccessTokenGrant } from './graph-deps.js';
import {
  accessTokenExpired,
  accessTokenInvalid,
  accessTokenMissing,
  type PlatformGraphError,
} from './platform-errors.js';

/**
 * The token a request presents: `Authorization: Bearer …` (Graph also takes the `OAuth` scheme),
 * else the `access_token` query parameter. A malformed Authorization header counts as a wrong
 * token rather than a missing one.
 */
export function presentedAccessToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.access_token;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/** The 190 error for a missing, unknown or expired token, or undefined when the token is good. */
export function accessTokenError(
  presented: string | undefined,
  grants: readonly AccessTokenGrant[],
  now: number,
): PlatformGraphError | undefined {
  if (presented === undefined || presented === '') {
    return presented === undefined ? accessTokenMissing() : accessTokenInvalid();
  }
  const grant = grants.find((candidate) => candidate.token === presented);
  if (!grant) return accessTokenInvalid();
  if (grant.expiresAt !== undefined && grant.expiresAt <= now)
    return accessTokenExpired(grant.expiresAt, now);
  return undefined;
}
