import type { Message } from '@switchboard/protocol';
import { memo } from 'react';
import { formatTime } from '../format.js';
import { failureReason } from './failure-reason.js';
import { MessageContent } from './message-content.js';
import { messageSummary } from './message-summary.js';
import { StatusMark } from './status-mark.js';

export interface MessageBubbleProps {
  message: Message;
  /** The message this one replies to, when it is loaded. */
  quoted?: Message | null | undefined;
  /**
   * Keep showing what a customer deleted (marked "Deleted by customer") and what a message said
   * before the customer edited it; off by default, as WhatsApp shows neither.
   */
  showEarlier?: boolean;
  highlighted?: boolean;
  onJumpTo?: ((messageId: string) => void) | undefined;
  onReply?: ((message: Message) => void) | undefined;
  onRetry?: ((message: Message) => void) | undefined;
  onDiscard?: ((message: Message) => void) | undefined;
  /** Offered when only a template can reach the customer (window closed, 131047). */
  onUseTemplate?: (() => void) | undefined;
}

/**
 * One message as WhatsApp shows it: quoted reply, content, reactions, "Edited", time and ticks.
 * A failed message says why inline, in plain words with the provider's code; "Retry" is offered
 * only when a retry can help, and the mark changes only when the server reports a new status.
 */
export const MessageBubble = memo(function MessageBubble(props: MessageBubbleProps) {
  const { message, quoted, showEarlier = false, highlighted = false } = props;
  const failure = failureReason(message);
  const deleted = message.revokedAt !== null;
  const from = message.direction === 'inbound' ? 'Customer' : 'You';
  if (message.type === 'system') {
    return (
      <div className="sb-bubble sb-bubble-system" data-message-id={message.id} tabIndex={-1}>
        <MessageContent message={message} />
      </div>
    );
  }
  return (
    <div
      className="sb-bubble"
      data-direction={message.direction}
      data-message-id={message.id}
      data-highlight={highlighted}
      tabIndex={-1}
      aria-label={`${from} at ${formatTime(message.createdAt)}: ${messageSummary(message)}`}
    >
      {message.replyTo && (
        <button type="button" className="sb-quote" onClick={() => props.onJumpTo?.(message.replyTo!)}>
          <span className="sb-sr-only">Replying to, go to it: </span>
          <span className="sb-quote-author">{quoted?.direction === 'outbound' ? 'You' : 'Customer'}</span>
          {quoted ? messageSummary(quoted) : 'An earlier message'}
        </button>
      )}
      {message.forwarded && (
        <div className="sb-bubble-flag">
          {message.frequentlyForwarded ? 'Forwarded many times' : 'Forwarded'}
        </div>
      )}
      {deleted && <div className="sb-bubble-deleted">🚫 Deleted by customer</div>}
      {(!deleted || showEarlier) && <MessageContent message={message} />}
      {showEarlier && message.editedAt && message.originalContent && (
        <div className="sb-bubble-original">
          <span className="sb-bubble-original-label">Before the edit:</span>
          <MessageContent message={{ ...message, content: message.originalContent } as Message} />
        </div>
      )}
      {message.reactions.length > 0 && (
        <div className="sb-reactions">
          {message.reactions.map((reaction) => (
            <span
              key={`${reaction.from}${reaction.emoji}`}
              className="sb-reaction"
              role="img"
              aria-label={`${reaction.from === 'contact' ? 'Customer' : 'You'} reacted ${reaction.emoji}`}
            >
              {reaction.emoji}
            </span>
          ))}
        </div>
      )}
      <div className="sb-bubble-footer">
        {message.editedAt && !deleted && <span>Edited</span>}
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        <StatusMark message={message} />
      </div>
      {failure && (
        <div className="sb-failure" role="alert">
          <strong>
            Not sent: {failure.summary}
            {failure.code && ` (code ${failure.code})`}
          </strong>
          {failure.action}
          <div className="sb-bubble-actions">
            {failure.retryable && props.onRetry && (
              <button
                type="button"
                className="sb-button sb-button-small"
                onClick={() => props.onRetry!(message)}
              >
                Retry
              </button>
            )}
            {failure.needsTemplate && props.onUseTemplate && (
              <button type="button" className="sb-button sb-button-small" onClick={props.onUseTemplate}>
                Send a template
              </button>
            )}
            {message.id.startsWith('local_') && props.onDiscard && (
              <button
                type="button"
                className="sb-button sb-button-small"
                onClick={() => props.onDiscard!(message)}
              >
                Discard
              </button>
            )}
          </div>
        </div>
      )}
      {props.onReply && !deleted && (
        <div className="sb-bubble-actions sb-bubble-more">
          <button
            type="button"
            className="sb-button sb-button-small"
            onClick={() => props.onReply!(message)}
            aria-label={`Reply to: ${messageSummary(message).slice(0, 60)}`}
          >
            Reply
          </button>
        </div>
      )}
    </div>
  );
});
