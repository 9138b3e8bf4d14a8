export { createClient, type ClientOptions, type SwitchboardClient } from './client.js';
export { SwitchboardError } from './errors.js';
export {
  transition,
  type ConnectionEvent,
  type ConnectionReason,
  type ConnectionState,
  type ConnectionStatus,
  type TransportName,
} from './connection/state-machine.js';
export type { Clock } from './connection/clock.js';
export type {
  ConversationsView,
  ConversationsQuery,
  ConversationsSnapshot,
} from './store/conversations-view.js';
export type { ConversationView, ConversationSnapshot } from './store/conversation-view.js';
export type { MessagesView, MessagesSnapshot } from './store/messages-view.js';
export type { LoadStatus } from './store/live-view.js';
export type { SendHandle } from './send/send-queue.js';
export type { UploadedMedia, UploadOptions } from './send/upload-media.js';
export type { WebSocketLike } from './transports/websocket-transport.js';
export type { EventSourceLike } from './transports/sse-transport.js';
export type * from '@switchboard/protocol';
