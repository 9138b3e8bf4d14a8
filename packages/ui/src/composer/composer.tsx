import type { Conversation, Message, SendMessageBody } from '@switchboard/protocol';
import { useSendMessage, useWindow } from '@switchboard/react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { messageSummary } from '../message/message-summary.js';
import { TemplatePicker } from '../templates/template-picker.js';
import { EmojiPicker } from './emoji-picker.js';
import { WindowChip } from './window-chip.js';

export interface ComposerProps {
  conversation: Conversation;
  replyTo?: Message | null;
  onCancelReply?: () => void;
  /** Show the templates even though the window is open (WhatsApp refused free text: 131047). */
  forceTemplates?: boolean;
  onTemplatesClosed?: () => void;
  /** Called after each send (the thread scrolls to it by itself). */
  onSent?: (body: SendMessageBody) => void;
}

const enterSendsKey = 'sb-enter-sends';
const readEnterSends = () => {
  try {
    return globalThis.localStorage?.getItem(enterSendsKey) !== 'false';
  } catch {
    return true;
  }
};

function mediaType(file: File): 'image' | 'video' | 'audio' | 'document' {
  if (/^image\/(jpeg|png|webp)$/.test(file.type)) return 'image';
  if (/^video\/(mp4|3gpp)$/.test(file.type)) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return 'document';
}

/**
 * Writing to the customer: text (Enter sends, Shift+Enter breaks a line, as a setting), emoji,
 * an attachment with upload progress, reply-to, and the window chip. Once the 24-hour window has
 * closed the text box is gone and the synced templates take its place.
 */
export function Composer(props: ComposerProps) {
  const { conversation, replyTo = null } = props;
  const window = useWindow(conversation);
  const { send, uploadMedia } = useSendMessage(conversation.id);
  const [draft, setDraft] = useState('');
  const [enterSends, setEnterSends] = useState(readEnterSends);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [upload, setUpload] = useState<{ name: string; progress: number; error: string | null } | null>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (replyTo) text.current?.focus();
  }, [replyTo]);

  const withReply = (body: SendMessageBody): SendMessageBody =>
    replyTo && !replyTo.id.startsWith('local_')
      ? ({ ...body, replyTo: replyTo.id } as SendMessageBody)
      : body;

  const sendText = () => {
    const body = draft.trim();
    if (!body) return;
    const message = withReply({ type: 'text', text: { body } });
    send(message);
    setDraft('');
    props.onCancelReply?.();
    props.onSent?.(message);
  };

  const attach = async (chosen: File) => {
    setUpload({ name: chosen.name, progress: 0, error: null });
    try {
      const media = await uploadMedia(chosen, {
        filename: chosen.name,
        onProgress: (sent, total) =>
          setUpload({ name: chosen.name, progress: total ? sent / total : 0, error: null }),
      });
      const type = mediaType(chosen);
      const caption = draft.trim();
      const body = withReply({
        type,
        media: {
          id: media.id,
          ...(caption && type !== 'audio' && { caption }),
          ...(type === 'document' && { filename: chosen.name }),
        },
      });
      send(body);
      if (type !== 'audio') setDraft('');
      setUpload(null);
      props.onCancelReply?.();
      props.onSent?.(body);
    } catch (error) {
      setUpload({
        name: chosen.name,
        progress: 0,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && replyTo) props.onCancelReply?.();
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const wantsSend = enterSends ? !event.shiftKey : event.ctrlKey || event.metaKey;
    if (!wantsSend) return;
    event.preventDefault();
    sendText();
  };

  if (!window.open || props.forceTemplates) {
    return (
      <div className="sb-composer">
        <div className="sb-composer-bar">
          <WindowChip window={window} />
        </div>
        <TemplatePicker
          conversationId={conversation.id}
          channelId={conversation.channelId}
          reason={
            window.open
              ? 'WhatsApp did not accept free text for this customer: send a template.'
              : 'The 24-hour window is closed: only a template can reach the customer until they write again.'
          }
          onCancel={window.open ? props.onTemplatesClosed : undefined}
          onSent={(body) => {
            props.onTemplatesClosed?.();
            props.onSent?.(body);
          }}
        />
      </div>
    );
  }

  return (
    <form
      className="sb-composer"
      aria-label="Reply"
      onSubmit={(e) => {
        e.preventDefault();
        sendText();
      }}
    >
      {replyTo && (
        <div className="sb-reply-preview">
          <span>
            Replying to {replyTo.direction === 'inbound' ? 'the customer' : 'yourself'}:{' '}
            {messageSummary(replyTo)}
          </span>
          <button
            type="button"
            className="sb-button sb-button-small"
            onClick={props.onCancelReply}
            aria-label="Cancel reply"
          >
            ✕
          </button>
        </div>
      )}
      {emojiOpen && (
        <EmojiPicker
          onPick={(emoji) => {
            const el = text.current;
            const at = el?.selectionStart ?? draft.length;
            setDraft(draft.slice(0, at) + emoji + draft.slice(el?.selectionEnd ?? at));
            el?.focus();
          }}
        />
      )}
      {upload && (
        <div>
          {upload.error ? (
            <span className="sb-error-text" role="alert">
              {upload.name} could not be uploaded: {upload.error}{' '}
              <button type="button" className="sb-button sb-button-small" onClick={() => setUpload(null)}>
                Dismiss
              </button>
            </span>
          ) : (
            <label>
              Uploading {upload.name}
              <progress className="sb-progress" value={upload.progress} max={1} />
            </label>
          )}
        </div>
      )}
      <div className="sb-composer-row">
        <button
          type="button"
          className="sb-button sb-button-icon"
          aria-label="Emoji"
          aria-expanded={emojiOpen}
          onClick={() => setEmojiOpen((o) => !o)}
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <g fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
              <circle cx="12" cy="12" r="9" />
              <path d="M8 14.5c1 1.4 2.3 2 4 2s3-.6 4-2" />
              <path d="M9 9.5h.01M15 9.5h.01" strokeWidth="2.6" />
            </g>
          </svg>
        </button>
        <button
          type="button"
          className="sb-button sb-button-icon"
          aria-label="Attach a file"
          onClick={() => file.current?.click()}
          disabled={upload !== null && upload.error === null}
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M20 11.5 12.3 19.2a5 5 0 0 1-7.1-7.1l8-8a3.3 3.3 0 0 1 4.7 4.7l-8 8a1.7 1.7 0 0 1-2.4-2.4l7.4-7.4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
        <input
          ref={file}
          type="file"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen) void attach(chosen);
          }}
        />
        <textarea
          ref={text}
          className="sb-input"
          aria-label="Message"
          placeholder="Write a message"
          rows={1}
          value={draft}
          maxLength={4096}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="sb-button sb-button-primary" disabled={!draft.trim()}>
          Send
        </button>
      </div>
      <div className="sb-composer-bar">
        <WindowChip window={window} />
        <label>
          <input
            type="checkbox"
            checked={enterSends}
            onChange={(e) => {
              setEnterSends(e.target.checked);
              try {
                globalThis.localStorage?.setItem(enterSendsKey, String(e.target.checked));
              } catch {
                // private mode: the setting lasts for this page only
              }
            }}
          />
          Enter sends
        </label>
      </div>
    </form>
  );
}
