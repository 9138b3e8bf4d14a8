import { z } from 'zod';

export const eventTypes = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'message.updated',
] as const;
export type EventType = (typeof eventTypes)[number];

/**
 * One entry of the append-only event log. `seq` increases strictly in commit order; `data` is the
 * whole new object (a Conversation or a Message) so a client never has to refetch.
 */
export const eventSchema = z.object({
  seq: z.number().int(),
  type: z.enum(eventTypes),
  at: z.string(),
  conversationId: z.string(),
  refs: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
});
export type SwitchboardEvent = z.infer<typeof eventSchema>;

export const eventPageSchema = z.object({
  events: z.array(eventSchema),
  /** The cursor to pass as `after` next time. */
  next: z.number().int(),
  /** False when `after` was older than the retained log: some events were pruned and are not replayed. */
  recovered: z.boolean(),
});
export type EventPage = z.infer<typeof eventPageSchema>;
