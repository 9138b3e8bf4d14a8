import type { Conversation } from '@switchboard/protocol';
import { scopeAllowsConversation, type Scope } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import type { Store } from '../../store/store.js';

/**
 * Finds or creates the conversation with `waId` on the channel and adds `ref`, checked against
 * the caller's scope before anything is written:
 * - an agent may only name a ref of its own token (else 403), and may only create a conversation
 *   under such a ref, so that it can see what it opened;
 * - an agent never reaches an existing customer outside its scope by adding its ref (404, as for
 *   any conversation it may not see: a token cannot probe numbers).
 */
export async function openConversation(
  store: Store,
  scope: Scope,
  input: { channelId: string; waId: string; ref: string | null },
): Promise<{ conversation: Conversation; created: boolean }> {
  if (!scope.all && input.ref !== null && !scope.refs.includes(input.ref)) {
    throw new AppError('forbidden', `The ref ${input.ref} is not in your token; use one of its refs.`);
  }
  const existing = await store.findConversationByPhone(input.channelId, input.waId);
  if (existing && !scopeAllowsConversation(scope, existing)) {
    throw new AppError('not_found', 'No conversation with this number in your scope.');
  }
  if (!existing && !scope.all && input.ref === null) {
    throw new AppError('forbidden', 'Agents open a conversation only under a ref of their token (ref).');
  }
  if (existing && (input.ref === null || existing.refs.includes(input.ref))) {
    return { conversation: existing, created: false };
  }
  const conversation = await store.transaction((tx) => tx.openConversation({ ...input, now: Date.now() }));
  return { conversation, created: existing === null };
}
