import type { Conversation } from '@switchboard/protocol';
import { useConversations, useWindow } from '@switchboard/react';
import { memo, useDeferredValue, useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { contactName, formatListTime } from '../format.js';
import { lastMessageLine } from './last-message-line.js';

export interface ConversationListProps {
  /** Only one case's conversations. */
  caseRef?: string;
  selectedId?: string | null;
  /** The link of a conversation (the inbox: `/conversations/:id`). */
  hrefFor: (conversation: Conversation) => string;
  /** A plain click on a link (an app with client-side routing navigates itself). */
  onOpen?: (conversation: Conversation, event: MouseEvent<HTMLAnchorElement>) => void;
  /** The signed-in agent, for the "Mine" filter. */
  agent?: string | null;
}

type WindowFilter = 'all' | 'open' | 'closing' | 'closed';
type AssigneeFilter = 'all' | 'mine' | 'unassigned';

const hour = 3_600_000;

/**
 * The conversations, most recent activity first and reordered live: contact, time, unread count,
 * case refs and window state; a search (name, number, refs) and filters by assignee and window.
 * Each entry is a link; ↑ and ↓ move between them.
 */
export function ConversationList(props: ConversationListProps) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const [windowFilter, setWindowFilter] = useState<WindowFilter>('all');
  const [assignee, setAssignee] = useState<AssigneeFilter>('all');
  const { conversations, status, error, hasMore, loadMore } = useConversations({
    ...(props.caseRef !== undefined && { ref: props.caseRef }),
    ...(q && { q }),
  });
  const searchId = useId();
  const now = Date.now();
  const shown = useMemo(
    () =>
      conversations.filter((c) => {
        if (assignee === 'mine' && c.assignee !== props.agent) return false;
        if (assignee === 'unassigned' && c.assignee !== null) return false;
        const left = c.windowExpiresAt ? Date.parse(c.windowExpiresAt) - now : -1;
        if (windowFilter === 'open' && left <= 0) return false;
        if (windowFilter === 'closing' && (left <= 0 || left > 4 * hour)) return false;
        if (windowFilter === 'closed' && left > 0) return false;
        return true;
      }),
    // `now` moves on every render; the filter is recomputed when the data or a filter changes.
    [conversations, assignee, windowFilter, props.agent],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.sb-list-item')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[event.key === 'ArrowDown' ? index + 1 : Math.max(0, index - 1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <nav className="sb-conversation-list" aria-label="Conversations">
      <div className="sb-list-tools">
        <label htmlFor={searchId} className="sb-sr-only">
          Search conversations
        </label>
        <input
          id={searchId}
          className="sb-input"
          type="search"
          placeholder="Search name, number or case"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="sb-list-filters">
          <select
            aria-label="Assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value as AssigneeFilter)}
          >
            <option value="all">Everyone’s</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
          </select>
          <select
            aria-label="Window"
            value={windowFilter}
            onChange={(e) => setWindowFilter(e.target.value as WindowFilter)}
          >
            <option value="all">Any window</option>
            <option value="open">Window open</option>
            <option value="closing">Closing within 4 h</option>
            <option value="closed">Window closed</option>
          </select>
        </div>
      </div>
      {status === 'error' && conversations.length === 0 ? (
        <p className="sb-empty" role="alert">
          The conversations could not be loaded: {error?.message}
        </p>
      ) : status === 'loading' && conversations.length === 0 ? (
        <p className="sb-empty">Loading conversations…</p>
      ) : shown.length === 0 ? (
        <p className="sb-empty">{q ? `No conversation matches “${q}”.` : 'No conversations here.'}</p>
      ) : (
        <ul className="sb-list" onKeyDown={onKeyDown}>
          {shown.map((conversation) => (
            <li key={conversation.id}>
              <ConversationLink
                conversation={conversation}
                selected={conversation.id === props.selectedId}
                href={props.hrefFor(conversation)}
                onOpen={props.onOpen}
              />
            </li>
          ))}
          {hasMore && (
            <li>
              <button type="button" className="sb-button" onClick={() => void loadMore()}>
                Load more
              </button>
            </li>
          )}
        </ul>
      )}
    </nav>
  );
}

const ConversationLink = memo(function ConversationLink(props: {
  conversation: Conversation;
  selected: boolean;
  href: string;
  onOpen: ConversationListProps['onOpen'];
}) {
  const { conversation } = props;
  const window = useWindow(conversation);
  const name = contactName(conversation);
  const unread = conversation.unreadCount;
  return (
    <a
      className="sb-list-item"
      href={props.href}
      aria-current={props.selected ? 'page' : undefined}
      onClick={(event) => {
        if (!props.onOpen || event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        props.onOpen(conversation, event);
      }}
    >
      <span className="sb-list-name">{name}</span>
      <span className="sb-list-time">
        {conversation.lastMessageAt ? formatListTime(conversation.lastMessageAt) : ''}
      </span>
      <span className="sb-list-preview">{lastMessageLine(conversation.lastMessage)}</span>
      <span className="sb-list-badges">
        {conversation.failedCount > 0 && (
          <span
            className="sb-chip sb-chip-danger"
            role="img"
            aria-label={`${conversation.failedCount} failed ${conversation.failedCount === 1 ? 'message' : 'messages'}`}
          >
            ! {conversation.failedCount}
          </span>
        )}
        {unread > 0 && (
          <span className="sb-unread" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
      </span>
      <span className="sb-list-meta">
        {conversation.refs.map((ref) => (
          <span key={ref} className="sb-chip">
            {ref}
          </span>
        ))}
        {window.expiresAt && !window.open && <span className="sb-chip sb-chip-danger">Window closed</span>}
        {window.open && window.closingSoon && <span className="sb-chip sb-chip-warn">Window closing</span>}
        {conversation.assignee && <span className="sb-chip">{conversation.assignee}</span>}
      </span>
    </a>
  );
});
