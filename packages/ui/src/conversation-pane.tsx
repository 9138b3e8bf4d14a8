import type { Conversation, Message } from '@switchboard/protocol';
import { useConversation, useMarkRead, useMessages } from '@switchboard/react';
import { useMemo, useState, type ReactNode } from 'react';
import { Composer } from './composer/composer.js';
import { ConnectionIndicator } from './connection/connection-indicator.js';
import { contactName } from './format.js';
import { Thread } from './thread/thread.js';

export interface ConversationPaneProps {
  conversationId: string;
  /** Deep link to one message. */
  focusMessageId?: string | null;
  /** Keep showing what a customer deleted or wrote before an edit, marked as such. */
  showEarlier?: boolean;
  /** Extra controls in the header (the inbox puts its menu there). */
  actions?: ReactNode;
  /** Show the connection indicator in the header (a host page may show its own). */
  showConnection?: boolean;
}

/**
 * One conversation: header (contact, number, case refs, connection), thread and composer. While
 * it is on screen in a visible tab, it tells the server the agent has seen the customer's
 * messages; the server's read-receipt policy decides whether the customer sees blue ticks.
 */
export function ConversationPane(props: ConversationPaneProps) {
  const { conversation, status, error } = useConversation(props.conversationId);
  const { messages } = useMessages(props.conversationId);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [templates, setTemplates] = useState(false);
  const newestInbound = useMemo(
    () => messages.findLast((m) => m.direction === 'inbound' && !m.id.startsWith('local_'))?.id,
    [messages],
  );
  useMarkRead(conversation?.id, newestInbound);

  if (!conversation) {
    return (
      <section className="sb-conversation" aria-label="Conversation">
        <p className="sb-empty" role={status === 'error' ? 'alert' : undefined}>
          {status === 'error'
            ? error?.status === 404
              ? 'This conversation does not exist, or it is not yours to see.'
              : `The conversation could not be loaded: ${error?.message ?? 'unknown error'}`
            : 'Loading conversation…'}
        </p>
      </section>
    );
  }
  const name = contactName(conversation);
  return (
    <section className="sb-conversation" aria-label={`Conversation with ${name}`}>
      <header className="sb-conversation-header">
        <div className="sb-conversation-title">
          <h2>{name}</h2>
          <p>{paneDetails(conversation, name)}</p>
        </div>
        {props.showConnection !== false && <ConnectionIndicator />}
        {props.actions}
      </header>
      <Thread
        conversationId={conversation.id}
        focusMessageId={props.focusMessageId}
        showEarlier={props.showEarlier ?? false}
        onReply={setReplyTo}
        onUseTemplate={() => setTemplates(true)}
      />
      <Composer
        conversation={conversation}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        forceTemplates={templates}
        onTemplatesClosed={() => setTemplates(false)}
      />
    </section>
  );
}

/** The line under the name: the number (unless it is the name already), the case refs, the assignee. */
function paneDetails(conversation: Conversation, name: string): string {
  const { waId, username } = conversation.contact;
  const handle = waId ? `+${waId}` : username;
  return [
    handle !== name ? handle : null,
    conversation.refs.length > 0 ? conversation.refs.join(', ') : null,
    conversation.assignee ? `assigned to ${conversation.assignee}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
