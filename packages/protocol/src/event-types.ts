// Zod-free, so that browsers importing the event types do not pull in the schemas.
export const eventTypes = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'message.updated',
] as const;
export type EventType = (typeof eventTypes)[number];
