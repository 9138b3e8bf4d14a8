import type { Conversation } from '@switchboard/client';
import { ConnectionIndicator, ConversationList, ConversationPane } from '@switchboard/ui';
import { useEffect, useState } from 'react';
import { conversationPath, navigate, useRoute } from './router.js';
import { ShortcutSheet } from './shortcuts.js';

export interface InboxProps {
  agent: string | null;
  demoApiKey: string | null;
  onSignOut: (() => void) | null;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The inbox: the conversation list beside the open conversation, with the app's shortcuts. */
const showEarlierKey = 'sb-show-earlier';

export function Inbox(props: InboxProps) {
  const route = useRoute();
  const [sheet, setSheet] = useState(false);
  // WhatsApp shows neither deleted messages nor what an edit replaced; an agent may choose to.
  const [showEarlier, setShowEarlier] = useState(
    () => globalThis.localStorage?.getItem(showEarlierKey) === 'true',
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !isTyping(event.target)) {
        event.preventDefault();
        setSheet(true);
      } else if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        document.querySelector<HTMLInputElement>('.sb-conversation-list input[type=search]')?.focus();
      } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        const links = [...document.querySelectorAll<HTMLAnchorElement>('a.sb-list-item')];
        const current = links.findIndex((a) => a.getAttribute('aria-current') === 'page');
        const next = links[event.key === 'ArrowDown' ? current + 1 : Math.max(0, current - 1)];
        if (next) {
          event.preventDefault();
          navigate(new URL(next.href).pathname);
          next.focus();
        }
      } else if (event.altKey && (event.key === 'm' || event.key === 'M' || event.code === 'KeyM')) {
        event.preventDefault();
        document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = (conversation: Conversation, event: { preventDefault(): void }) => {
    event.preventDefault();
    navigate(conversationPath(conversation.id));
  };

  return (
    <div className="inbox">
      <header className="inbox-bar">
        <strong className="inbox-brand">Switchboard</strong>
        {props.demoApiKey && (
          <p className="inbox-demo" role="note">
            Demo mode — this is not real WhatsApp. Type as a customer on{' '}
            <a href="/phone">the phone simulator</a>.{' '}
            <span>
              Demo API key: <code>{props.demoApiKey}</code>
            </span>
          </p>
        )}
        <span className="inbox-spacer" />
        <ConnectionIndicator />
        <label className="inbox-setting">
          <input
            type="checkbox"
            checked={showEarlier}
            onChange={(e) => {
              setShowEarlier(e.target.checked);
              globalThis.localStorage?.setItem(showEarlierKey, String(e.target.checked));
            }}
          />{' '}
          Show edited and deleted text
        </label>
        {props.agent && <span className="inbox-agent">{props.agent}</span>}
        <button
          type="button"
          className="sb-button sb-button-small"
          onClick={() => setSheet(true)}
          aria-keyshortcuts="?"
        >
          Shortcuts
        </button>
        {props.onSignOut && (
          <button type="button" className="sb-button sb-button-small" onClick={props.onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <div className="inbox-panes" data-open={route.conversationId ? 'conversation' : 'list'}>
        <aside className="inbox-list">
          <ConversationList
            selectedId={route.conversationId}
            hrefFor={(c) => conversationPath(c.id)}
            onOpen={open}
            agent={props.agent}
          />
        </aside>
        <main className="inbox-main">
          {route.conversationId ? (
            <ConversationPane
              key={route.conversationId}
              conversationId={route.conversationId}
              focusMessageId={route.messageId}
              showConnection={false}
              showEarlier={showEarlier}
              actions={
                <a
                  className="sb-button sb-button-small inbox-back"
                  href="/"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate('/');
                  }}
                >
                  All conversations
                </a>
              }
            />
          ) : (
            <p className="sb-empty inbox-pick">Pick a conversation on the left.</p>
          )}
        </main>
      </div>
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
    </div>
  );
}
