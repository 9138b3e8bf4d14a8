export { SwitchboardProvider } from './provider.js';
export { useSwitchboardClient } from './context.js';
export {
  useConnectionState,
  useConversation,
  useConversations,
  useMessages,
  useSendMessage,
  useWindow,
  type WindowState,
} from './hooks.js';
export { useMedia, type MediaState } from './use-media.js';
export { useTemplates, type TemplatesState } from './use-templates.js';
export { useOpenConversation, type OpenConversationState } from './use-open-conversation.js';
export { useMarkRead } from './use-mark-read.js';
