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
