/**
 * Authentication for everything under `/v1`.
 *
 * `installAuth(v1, { apiKey, tokens })` adds an `onRequest` hook to the plugin instance it is
 * given (app.ts calls it on the `/v1` instance; register `/v1` routes inside that instance). The
 * hook runs before body parsing and validation, and for every route it:
 *
 * - reads `Authorization: Bearer <credential>`: the API key (`SWITCHBOARD_API_KEY`) gives
 *   `{ kind: 'apiKey' }`, an agent token (see auth/agent-token.ts) gives `{ kind: 'agent', sub,
 *   scope, expiresAt }`;
 * - sets `request.principal` (never null inside `/v1` once the hook passed). Handlers use
 *   `principalOf(request)` and `scopeOfRequest(request)`, and check what they read with
 *   `scopeAllowsConversation` / `scopeAllowsEvent` (auth/principal.ts) or auth/scoped-reads.ts;
 * - answers 401 `unauthorized` (no credential, a wrong key, a forged token, a token signed with
 *   another secret, another `alg`, missing claims) or 401 `token_expired` (a genuine token past
 *   its `exp`).
 *
 * Route options, set in the route's `config`:
 * - `allowQueryToken: true` — also accept an agent token as `?token=` (browsers cannot set headers
 *   on EventSource or WebSocket). Only the stream endpoints (`GET /v1/events/stream`,
 *   `GET /v1/realtime`) opt in; everywhere else the query parameter is ignored. The header wins
 *   when both are given. The API key is never accepted in a URL. The token is read from the raw
 *   URL exactly where http/logger-options.ts cuts it from logged URLs, so an accepted token is
 *   never logged (an encoded name such as `?%74oken=` is not accepted).
 * - `apiKeyOnly: true` — agent tokens get 403 `forbidden` (minting tokens, the webhook inbox).
 * - `deferAuthErrors: true` — do not answer the failure; leave `request.principal` null and put
 *   the error in `request.authError` (a WebSocket route accepts the upgrade and closes with 4401
 *   itself, as the protocol requires). The handler must check it.
 *
 * Example (a stream route):
 *   v1.get('/v1/events/stream', { config: { allowQueryToken: true } }, async (request, reply) => {
 *     const scope = scopeOfRequest(request);
 *     … send only events for which scopeAllowsEvent(scope, event) …
 *   });
 */
import { timingSafeEqual } from 'node:crypto';
import { secretDigest } from '../lib/secret-match.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AgentTokens } from '../auth/agent-token.js';
import { scopeOf, type Principal, type Scope } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the `/v1` auth hook (null outside `/v1`, or on a deferred failure). */
    principal: Principal | null;
    /** The auth failure of a route with `deferAuthErrors: true`; null otherwise. */
    authError: AppError | null;
  }
  interface FastifyContextConfig {
    /** Accept an agent token as `?token=` (stream endpoints only). */
    allowQueryToken?: boolean;
    /** Agent tokens get 403 `forbidden`; only the app's backend (API key) may call. */
    apiKeyOnly?: boolean;
    /** Put auth failures in `request.authError` instead of answering them. */
    deferAuthErrors?: boolean;
  }
}

export interface AuthOptions {
  apiKey: string;
  tokens: AgentTokens;
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

/**
 * The `token` query parameter as written in the raw URL. Deliberately not `request.query`: the
 * query parser decodes parameter names, and the log redaction matches the literal name only.
 */
export function queryToken(request: FastifyRequest): string | null {
  const start = request.url.indexOf('?');
  if (start < 0) return null;
  const match = /[?&]token=([^&#]*)/i.exec(request.url.slice(start));
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Adds the authentication hook (see the top of this file) to every route of `app`. */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  // Digests, not the strings: equal lengths for timingSafeEqual, and no length leak.
  const expected = secretDigest(options.apiKey);
  const isApiKey = (credential: string) => timingSafeEqual(secretDigest(credential), expected);

  async function authenticate(request: FastifyRequest): Promise<Principal> {
    const config = request.routeOptions.config;
    const header = bearerToken(request);
    if (header !== null) {
      if (isApiKey(header)) return { kind: 'apiKey' };
      return options.tokens.verify(header);
    }
    const fromQuery = config.allowQueryToken === true ? queryToken(request) : null;
    if (fromQuery === null) throw new AppError('unauthorized');
    if (isApiKey(fromQuery)) {
      throw new AppError('unauthorized', 'Send the API key in the Authorization header, never in a URL.');
    }
    return options.tokens.verify(fromQuery);
  }

  app.decorateRequest('principal', null);
  app.decorateRequest('authError', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    try {
      const principal = await authenticate(request);
      if (config.apiKeyOnly === true && principal.kind !== 'apiKey') {
        throw new AppError('forbidden', 'Only the app backend (API key) may call this endpoint.');
      }
      request.principal = principal;
    } catch (error) {
      if (config.deferAuthErrors !== true || !(error instanceof AppError)) throw error;
      request.authError = error;
    }
  });
}

/** The caller of a `/v1` route. Throws 401 when the auth hook did not run or deferred a failure. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw request.authError ?? new AppError('unauthorized');
  return request.principal;
}

/** What the caller of a `/v1` route may see (everything for the API key). */
export function scopeOfRequest(request: FastifyRequest): Scope {
  return scopeOf(principalOf(request));
}
