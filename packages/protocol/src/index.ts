export * from './errors.js';
export * from './message.js';
export * from './status-rank.js';
export * from './conversation.js';
export * from './event.js';
export * from './token.js';
export * from './send-request.js';
export type * from './message-content.js';
export * from './realtime.js';
