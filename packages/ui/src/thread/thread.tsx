import type { Message } from '@switchboard/protocol';
import { useMessages, useSendMessage } from '@switchboard/react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { VList, type VListHandle } from 'virtua';
import { formatDay } from '../format.js';
import { MessageBubble } from '../message/message-bubble.js';
import { messageSummary } from '../message/message-summary.js';
import { threadRows } from './thread-rows.js';

export interface ThreadProps {
  conversationId: string;
  /** Deep link: scroll to this message (loading older pages until it is found) and highlight it. */
  focusMessageId?: string | null | undefined;
  /** Show what a customer deleted or wrote before an edit, marked as such. */
  showEarlier?: boolean;
  onReply?: (message: Message) => void;
  /** A failed message says only a template can reach the customer: open the template picker. */
  onUseTemplate?: () => void;
}

// Closer than this to the bottom counts as "at the newest message": new ones scroll into view.
const stickyPx = 80;
// Closer than this to the top loads the page before.
const loadOlderPx = 400;

/**
 * A conversation's messages, virtualized (a 5,000-message thread keeps only what is on screen in
 * the DOM), opening at the newest. Older pages load as the agent scrolls up, with the scroll
 * position kept; new messages scroll into view only when the agent is at the bottom, else a
 * "↓ N new" pill counts them. New customer messages are announced to screen readers.
 */
export function Thread(props: ThreadProps) {
  const { conversationId, focusMessageId = null } = props;
  const { messages, status, error, hasOlder, loadOlder } = useMessages(conversationId);
  const { retry, discard } = useSendMessage(conversationId);
  const rows = useMemo(() => threadRows(messages), [messages]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const list = useRef<VListHandle>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [shifting, setShifting] = useState(false);
  const [unseen, setUnseen] = useState(0);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const loadingOlder = useRef(false);
  const previous = useRef<{ first: string | null; last: string | null; count: number }>({
    first: null,
    last: null,
    count: 0,
  });
  const opened = useRef(false);

  // Open at the newest message once the first page is there.
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0 || focusMessageId) return;
    opened.current = true;
    list.current?.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, focusMessageId]);

  // New rows at the end: follow them when at the bottom, else count them on the pill.
  useEffect(() => {
    const first = rows[0]?.message.id ?? null;
    const last = rows.at(-1)?.message.id ?? null;
    const before = previous.current;
    previous.current = { first, last, count: rows.length };
    if (shifting && first !== before.first) setShifting(false);
    if (before.last === null || last === before.last) return;
    const lastIndex = rows.findIndex((r) => r.message.id === before.last);
    const added = lastIndex === -1 ? [] : rows.slice(lastIndex + 1).map((r) => r.message);
    const inbound = added.filter((m) => m.direction === 'inbound');
    if (inbound.length > 0) {
      setAnnouncement(
        inbound.length === 1
          ? `New message: ${messageSummary(inbound[0]!)}`
          : `${inbound.length} new messages`,
      );
    }
    const mine = added.some((m) => m.direction === 'outbound');
    if (atBottom.current || mine) {
      list.current?.scrollToIndex(rows.length - 1, { align: 'end' });
      setUnseen(0);
    } else {
      setUnseen((n) => n + inbound.length);
    }
  }, [rows, shifting]);

  const requestOlder = useCallback(async () => {
    if (loadingOlder.current || !hasOlder) return;
    loadingOlder.current = true;
    setShifting(true); // the page arrives at the top: keep what is on screen where it is
    try {
      await loadOlder();
    } finally {
      loadingOlder.current = false;
    }
  }, [hasOlder, loadOlder]);

  // Deep link: find the message (loading older pages while needed), scroll to it, highlight it.
  useEffect(() => {
    if (!focusMessageId || status === 'loading') return;
    const index = rows.findIndex((r) => r.message.id === focusMessageId);
    if (index >= 0) {
      opened.current = true;
      list.current?.scrollToIndex(index, { align: 'center' });
      setHighlight(focusMessageId);
      const timer = setTimeout(() => setHighlight(null), 2500);
      return () => clearTimeout(timer);
    }
    if (hasOlder) void requestOlder();
    else if (!opened.current && rows.length > 0) {
      opened.current = true;
      list.current?.scrollToIndex(rows.length - 1, { align: 'end' });
    }
  }, [focusMessageId, rows, hasOlder, status, requestOlder]);

  const jumpTo = useCallback(
    (id: string) => {
      const index = rows.findIndex((r) => r.message.id === id);
      if (index < 0) return;
      list.current?.scrollToIndex(index, { align: 'center' });
      setHighlight(id);
      setTimeout(() => setHighlight((h) => (h === id ? null : h)), 2500);
    },
    [rows],
  );

  const onScroll = (offset: number) => {
    const handle = list.current;
    if (!handle) return;
    atBottom.current = handle.scrollSize - handle.viewportSize - offset < stickyPx;
    if (atBottom.current && unseen > 0) setUnseen(0);
    if (offset < loadOlderPx && opened.current) void requestOlder();
  };

  // Arrow keys move between messages; Home and End go to the first loaded and the newest.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-message-id]');
    if (!target || target !== event.target) return;
    const index = rows.findIndex((r) => r.message.id === target.dataset.messageId);
    const next =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'End'
            ? rows.length - 1
            : event.key === 'Home'
              ? 0
              : null;
    if (next === null || next < 0 || next >= rows.length) return;
    event.preventDefault();
    list.current?.scrollToIndex(next, { align: 'nearest' });
    const id = rows[next]!.message.id;
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`)?.focus(),
    );
  };

  if (status === 'error' && rows.length === 0) {
    return (
      <div className="sb-thread">
        <p className="sb-empty" role="alert">
          The messages could not be loaded: {error?.message ?? 'unknown error'}.
        </p>
      </div>
    );
  }
  return (
    <div className="sb-thread" ref={scroller} onKeyDown={onKeyDown}>
      <div className="sb-sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {status === 'loading' && rows.length === 0 ? (
        <p className="sb-empty">Loading messages…</p>
      ) : rows.length === 0 ? (
        <p className="sb-empty">No messages yet.</p>
      ) : (
        <VList
          ref={list}
          className="sb-thread-scroller"
          data={rows}
          shift={shifting}
          onScroll={onScroll}
          role="log"
          aria-label="Messages"
          tabIndex={0}
        >
          {(row, index) => (
            // Keyed by the send's clientMessageId when it has one: the server's message replaces the
            // optimistic one in the same element (no remount, no flicker, focus kept).
            <div className="sb-thread-row" key={row.message.clientMessageId ?? row.message.id}>
              {index === 0 && (
                <div className="sb-thread-top">
                  {hasOlder ? 'Loading older messages…' : 'This is the start of the conversation.'}
                </div>
              )}
              {row.startsDay && (
                <div className="sb-date" role="separator">
                  {formatDay(row.message.createdAt)}
                </div>
              )}
              <MessageBubble
                message={row.message}
                quoted={row.message.replyTo ? byId.get(row.message.replyTo) : null}
                showEarlier={props.showEarlier ?? false}
                highlighted={highlight === row.message.id}
                onJumpTo={jumpTo}
                onReply={props.onReply}
                onRetry={(m) => void retry(m).catch(() => {})}
                onDiscard={(m) => discard(m)}
                onUseTemplate={props.onUseTemplate}
              />
            </div>
          )}
        </VList>
      )}
      {unseen > 0 && (
        <button
          type="button"
          className="sb-button sb-button-primary sb-new-pill"
          onClick={() => {
            list.current?.scrollToIndex(rows.length - 1, { align: 'end' });
            setUnseen(0);
          }}
        >
          ↓ {unseen} new
        </button>
      )}
    </div>
  );
}
