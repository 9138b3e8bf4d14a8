import { statusRank, type Conversation, type Message } from '@switchboard/protocol';

/*
 * What wins when the same object arrives twice (a REST page and an event, or an event replayed
 * after a page that already held its effect): the later `updatedAt` (the server's clock for that
 * object); at the same millisecond a message keeps the higher status rank, so ticks never go
 * backwards whatever order the two arrive in. (A retried message does go from failed back to
 * queued, later.)
 */

export function newerConversation(current: Conversation | undefined, next: Conversation): boolean {
  return !current || next.updatedAt >= current.updatedAt;
}

export function newerMessage(current: Message | undefined, next: Message): boolean {
  if (!current || next.updatedAt > current.updatedAt) return true;
  return next.updatedAt === current.updatedAt && statusRank[next.status] >= statusRank[current.status];
}

/** -1, 0 or 1 as `a` sorts before, with or after `b`. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Server order: oldest first by `createdAt`, then by id (ids sort in creation order). */
export function compareMessages(a: Message, b: Message): number {
  return compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
}

/** Server order: most recent activity first. */
export function compareConversations(a: Conversation, b: Conversation): number {
  return compare(b.lastMessageAt ?? b.createdAt, a.lastMessageAt ?? a.createdAt) || compare(b.id, a.id);
}
