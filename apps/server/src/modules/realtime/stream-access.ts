import { z } from 'zod';
import { scopeAllowsConversation, scopeOf, type Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import type { SubscribeOptions } from '../../realtime/event-hub.js';
import type { Store } from '../../store/store.js';

/** The query every stream endpoint takes (product.md §5). */
export const streamQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  conversationId: z.string().min(1).max(100).optional(),
  ref: z.string().min(1).max(200).optional(),
});
export type StreamQuery = z.infer<typeof streamQuery>;

/**
 * Turns the caller and its query into subscription options, refusing (403) a narrowing outside
 * the caller's scope: a conversation it may not see now, or a ref its token does not carry. An
 * unknown conversation is refused the same way, so a token cannot probe which ids exist.
 */
export async function streamOptions(
  principal: Principal | null,
  query: { conversationId?: string | undefined; ref?: string | undefined },
  store: Store,
): Promise<Omit<SubscribeOptions, 'after'>> {
  if (!principal) throw new AppError('unauthorized');
  const scope = scopeOf(principal);
  if (!scope.all) {
    if (query.ref !== undefined && !scope.refs.includes(query.ref)) {
      throw new AppError('forbidden', `This token's scope does not include ref ${query.ref}.`);
    }
    if (query.conversationId !== undefined) {
      const conversation = await store.getConversation(query.conversationId);
      if (!conversation || !scopeAllowsConversation(scope, conversation)) {
        throw new AppError('forbidden', 'This token may not see that conversation.');
      }
    }
  }
  return {
    scope,
    conversationId: query.conversationId,
    ref: query.ref,
    expiresAt: principal.kind === 'agent' ? principal.expiresAt : undefined,
  };
}
