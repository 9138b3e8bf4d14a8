import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AgentTokens } from '../../auth/agent-token.js';
import { tokenRequestSchema, tokenResponseSchema } from './schema.js';

/**
 * Agent tokens for the app's browsers. Only the app's backend (API key) may mint them: an agent
 * token gets 403, so an agent can neither widen its scope nor extend its own lifetime.
 */
export async function tokenRoutes(app: FastifyInstance, deps: { tokens: AgentTokens }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/tokens',
    {
      config: { apiKeyOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Mint a short-lived agent token (API key only)',
        description:
          'An HS256 JWT for `sub` that sees the conversations carrying one of `refs`, those listed in `conversations`, or, with `all: true`, every conversation. `ttlSeconds` 1–86400, default 3600.',
        body: tokenRequestSchema,
        response: { 200: tokenResponseSchema },
      },
    },
    async (request) => {
      const { token, expiresAt } = await deps.tokens.mint(request.body);
      return { token, expiresAt: new Date(expiresAt).toISOString() };
    },
  );
}
