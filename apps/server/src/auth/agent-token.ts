import { maxTokenScopeItems } from '@switchboard/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Principal, Scope } from './principal.js';

/**
 * Seconds of clock skew allowed on `exp` (and `nbf`) between the server and whoever minted the
 * token (the app's backend may mint its own). Small on purpose: tokens are short-lived.
 */
export const tokenClockToleranceSeconds = 5;

export interface AgentTokenGrant {
  sub: string;
  refs?: readonly string[];
  conversations?: readonly string[];
  all?: boolean;
  ttlSeconds: number;
}

const scopeItems = z.array(z.string().min(1).max(200)).max(maxTokenScopeItems);

/**
 * The claims we read. Other claims (`iss`, `aud`, `jti`, …) an app's backend adds are ignored.
 * The item limit keeps the SQL scope filter within every dialect's bound-parameter limit.
 */
const claimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    exp: z.number(),
    refs: scopeItems.optional(),
    conversations: scopeItems.optional(),
    all: z.boolean().optional(),
  })
  .refine((c) => c.all === true || c.refs !== undefined || c.conversations !== undefined);

/**
 * Agent tokens: HS256 JWTs signed with `SWITCHBOARD_TOKEN_SECRET`, carrying `sub`, `iat`, `exp` and
 * the scope (`refs`, `conversations`, or `all: true`). The app's backend may mint them itself with
 * the same secret; `verify` accepts any such token, whoever signed it.
 *
 * Verification refuses every `alg` but HS256 (so `none` and algorithm-confusion tokens fail), a
 * token without `exp`, and a token whose claims do not have the shapes above.
 */
export class AgentTokens {
  private readonly key: Uint8Array;
  private readonly now: () => number;

  constructor(secret: string, options: { now?: () => number } = {}) {
    this.key = new TextEncoder().encode(secret);
    this.now = options.now ?? Date.now;
  }

  /** Signs a token for the grant; `expiresAt` is epoch ms (whole seconds, as in `exp`). */
  async mint(grant: AgentTokenGrant): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + grant.ttlSeconds;
    const scope =
      grant.all === true
        ? { all: true }
        : {
            ...(grant.refs === undefined ? {} : { refs: unique(grant.refs) }),
            ...(grant.conversations === undefined ? {} : { conversations: unique(grant.conversations) }),
          };
    const token = await new SignJWT(scope)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(grant.sub)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * The agent the token speaks for. Throws `AppError('token_expired')` for a genuine token past
   * its `exp`, `AppError('unauthorized')` for anything else that is not a valid token (forged,
   * other secret, other algorithm, missing or malformed claims). The signature is checked before
   * any claim, so an expired forgery is `unauthorized`, not `token_expired`.
   */
  async verify(token: string): Promise<Principal> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: tokenClockToleranceSeconds,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError('token_expired');
      throw new AppError('unauthorized', 'The agent token is not valid.');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new AppError(
        'unauthorized',
        `The agent token's claims are not valid: it needs sub, exp and a scope (refs, conversations or all: true), each list at most ${maxTokenScopeItems} ids.`,
      );
    }
    const { sub, exp, refs, conversations, all } = claims.data;
    const scope: Scope =
      all === true
        ? { all: true }
        : { all: false, refs: unique(refs ?? []), conversations: unique(conversations ?? []) };
    return { kind: 'agent', sub, scope, expiresAt: exp * 1000 };
  }
}

const unique = (items: readonly string[]) => [...new Set(items)];
