import { z } from 'zod';
import type { Conversation } from './conversation.js';
import type { Message } from './message.js';
import { eventTypes, type EventType } from './event-types.js';

/**
 * The wire schema of one event (OpenAPI and response serialization). `data` stays a plain record
 * here: serializing a page of events checks its envelope, not every message's content again.
 */
export const eventSchema = z.object({
  seq: z.number().int(),
  type: z.enum(eventTypes),
  at: z.string(),
  conversationId: z.string(),
  refs: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
});

/** What each event type carries in `data`: the whole new object. */
export type EventDataByType = {
  'conversation.created': Conversation;
  'conversation.updated': Conversation;
  'message.created': Message;
  'message.updated': Message;
};

/**
 * One entry of the append-only event log, a discriminated union on `type`. `seq` increases
 * strictly in commit order; `refs` is the conversation's refs when the event was written; `data`
 * is the whole new object (a Conversation or a Message) so a client never has to refetch.
 * @example
 * if (event.type === 'message.created') render(event.data); // data: Message
 */
export type SwitchboardEvent = {
  [T in EventType]: {
    seq: number;
    type: T;
    at: string;
    conversationId: string;
    refs: string[];
    data: EventDataByType[T];
  };
}[EventType];

export type ConversationEvent = Extract<SwitchboardEvent, { type: `conversation.${string}` }>;
export type MessageEvent = Extract<SwitchboardEvent, { type: `message.${string}` }>;

export const eventPageSchema = z.object({
  events: z.array(eventSchema),
  /** The cursor to pass as `after` next time. */
  next: z.number().int(),
  /** False when `after` was older than the retained log: some events were pruned and are not replayed. */
  recovered: z.boolean(),
});

/** `GET /v1/events`: a page of events after a cursor. */
export interface EventPage {
  events: SwitchboardEvent[];
  /** The cursor to pass as `after` next time. */
  next: number;
  /** False when `after` was older than the retained log: some events were pruned and are not replayed. */
  recovered: boolean;
}
