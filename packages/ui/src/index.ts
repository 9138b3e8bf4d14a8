export { ConversationList, type ConversationListProps } from './list/conversation-list.js';
export { contactName } from './format.js';
export { ConversationPane, type ConversationPaneProps } from './conversation-pane.js';
export { Thread, type ThreadProps } from './thread/thread.js';
export { MessageBubble, type MessageBubbleProps } from './message/message-bubble.js';
export { MessageContent } from './message/message-content.js';
export { StatusMark } from './message/status-mark.js';
export { statusLabel, statusKind, type StatusKind } from './message/status-label.js';
export { failureReason, type FailureReason } from './message/failure-reason.js';
export { messageSummary } from './message/message-summary.js';
export { LinkedText } from './message/linked-text.js';
export { Composer, type ComposerProps } from './composer/composer.js';
export { WindowChip } from './composer/window-chip.js';
export { TemplatePicker, type TemplatePickerProps } from './templates/template-picker.js';
export {
  templateFields,
  templateErrors,
  templatePreview,
  templateSendBody,
  type TemplateField,
  type TemplateValues,
} from './templates/template-form.js';
export { ConnectionIndicator, reconnectGraceMs } from './connection/connection-indicator.js';
export { CaseConversation, type CaseConversationProps } from './case-conversation.js';
