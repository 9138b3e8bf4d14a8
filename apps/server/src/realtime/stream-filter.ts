import type { SwitchboardEvent } from '@switchboard/protocol';
import { scopeAllowsEvent, type Scope } from '../auth/principal.js';

/** What one stream delivers: the caller's scope, optionally narrowed to one conversation or one ref. */
export interface StreamFilter {
  readonly scope: Scope;
  readonly conversationId?: string | undefined;
  readonly ref?: string | undefined;
}

/**
 * Decided on the event alone (its `refs` snapshot, as `scopeAllowsEvent` does), never on the
 * conversation's refs now: so a replay from the store and the live stream agree on every event,
 * whenever they look at it, and a conversation that gains or loses a ref mid-stream is in or out
 * of the stream from exactly that event on.
 */
export function streamAllows(filter: StreamFilter, event: SwitchboardEvent): boolean {
  if (filter.conversationId !== undefined && event.conversationId !== filter.conversationId) return false;
  if (filter.ref !== undefined && !event.refs.includes(filter.ref)) return false;
  return scopeAllowsEvent(filter.scope, event);
}
