import type { Conversation, Message } from '@switchboard/protocol';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/store.js';
import { scopeAllowsConversation, type Scope } from './principal.js';

/**
 * Reads of one object on behalf of a caller. Out of scope answers exactly like missing (404
 * `not_found`, same message), never 403: a caller must not learn that an id exists.
 */
export async function readableConversation(store: Store, scope: Scope, id: string): Promise<Conversation> {
  const conversation = await store.getConversation(id);
  if (!conversation || !scopeAllowsConversation(scope, conversation)) throw noConversation(id);
  return conversation;
}

/** A message is readable when its conversation is in scope now. */
export async function readableMessage(store: Store, scope: Scope, id: string): Promise<Message> {
  const message = await store.getMessage(id);
  if (!message) throw noMessage(id);
  if (!scope.all) {
    const conversation = await store.getConversation(message.conversationId);
    if (!conversation || !scopeAllowsConversation(scope, conversation)) throw noMessage(id);
  }
  return message;
}

export const noConversation = (id: string) => new AppError('not_found', `No conversation ${id}.`);
const noMessage = (id: string) => new AppError('not_found', `No message ${id}.`);
