import { z } from 'zod';
import { refSchema } from './conversation.js';

/** Most items a token's `refs` or `conversations` may list (minted here or by the app's backend). */
export const maxTokenScopeItems = 1000;
/** Longest lifetime `POST /v1/tokens` grants: a day. Agent tokens are meant to be short-lived. */
export const maxTokenTtlSeconds = 86_400;
export const defaultTokenTtlSeconds = 3600;

const scopeIdSchema = z.string().trim().min(1).max(200);

/**
 * `POST /v1/tokens`: an agent token for `sub` that sees the conversations carrying one of `refs`
 * (the app's case ids), the conversations listed in `conversations`, or, with `all: true`, every
 * conversation. At least one of the three must be given.
 */
export const tokenRequestSchema = z
  .object({
    sub: z.string().trim().min(1).max(200),
    refs: z.array(refSchema).max(maxTokenScopeItems).optional(),
    conversations: z.array(scopeIdSchema).max(maxTokenScopeItems).optional(),
    all: z.boolean().optional(),
    ttlSeconds: z.number().int().min(1).max(maxTokenTtlSeconds).default(defaultTokenTtlSeconds),
  })
  .strict()
  .refine((body) => body.all === true || body.refs !== undefined || body.conversations !== undefined, {
    message: 'Give the scope: refs, conversations, or all: true.',
  });
export type TokenRequest = z.input<typeof tokenRequestSchema>;

export const tokenResponseSchema = z.object({
  /** A JWT (HS256); send it as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** ISO 8601; the token is refused from then on (`token_expired`). */
  expiresAt: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
