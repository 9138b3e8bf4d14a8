/**
 * What a caller may see. The app's backend (API key) sees everything; an agent token carries a
 * scope of case references and/or conversation ids, or `all`. Every REST read, every stream and
 * every event is filtered through these functions, so there is one definition of "in scope".
 */
export type Scope =
  | { readonly all: true }
  | { readonly all: false; readonly refs: readonly string[]; readonly conversations: readonly string[] };

export type Principal =
  | { readonly kind: 'apiKey' }
  | {
      readonly kind: 'agent';
      /** The agent's id in the app (`sub`), recorded as the sender of what they send. */
      readonly sub: string;
      readonly scope: Scope;
      /** Epoch ms when the token stops being valid; open streams are closed then. */
      readonly expiresAt: number;
    };

export const fullScope: Scope = { all: true };

export function scopeOf(principal: Principal): Scope {
  return principal.kind === 'apiKey' ? fullScope : principal.scope;
}

/** A conversation is in scope when its id is listed or it carries one of the scope's refs now. */
export function scopeAllowsConversation(
  scope: Scope,
  conversation: { readonly id: string; readonly refs: readonly string[] },
): boolean {
  if (scope.all) return true;
  if (scope.conversations.includes(conversation.id)) return true;
  return conversation.refs.some((ref) => scope.refs.includes(ref));
}

/**
 * An event is in scope when its conversation is listed or the conversation carried one of the
 * scope's refs when the event was appended (`event.refs` is that snapshot). So an agent sees a
 * conversation's events from the moment it gains the agent's ref, and none after it loses it.
 */
export function scopeAllowsEvent(
  scope: Scope,
  event: { readonly conversationId: string; readonly refs: readonly string[] },
): boolean {
  return scopeAllowsConversation(scope, { id: event.conversationId, refs: event.refs });
}
