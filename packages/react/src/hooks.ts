import type {
  ConnectionState,
  ConversationSnapshot,
  ConversationsQuery,
  ConversationsSnapshot,
  MessagesSnapshot,
  SendHandle,
  SwitchboardClient,
} from '@switchboard/client';
import type { Conversation, Message, SendMessageBody } from '@switchboard/protocol';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { isServer, useSwitchboardClient } from './context.js';
import { useView } from './use-view.js';

const connecting: ConnectionState = {
  status: 'connecting',
  transport: null,
  cursor: null,
  head: null,
  reason: null,
  retryInMs: null,
};
const loadingConversations: ConversationsSnapshot = {
  conversations: [],
  status: 'loading',
  error: null,
  hasMore: false,
};
const loadingConversation: ConversationSnapshot = { conversation: null, status: 'loading', error: null };
const loadingMessages: MessagesSnapshot = { messages: [], status: 'loading', error: null, hasOlder: false };

/**
 * The connection's state (`status`, `transport`, `reason`, `retryInMs`); `connecting` on a server.
 * @example
 * const { status } = useConnectionState();
 * return <span role="status">{status === 'live' ? 'Live' : 'Reconnecting…'}</span>;
 */
export function useConnectionState(): ConnectionState {
  const client = useSwitchboardClient();
  return useSyncExternalStore(client.connection.subscribe, client.connection.getState, () => connecting);
}

/**
 * The live conversations, optionally of one case: `{conversations, status, error, hasMore, loadMore}`.
 * @example
 * const { conversations, status } = useConversations({ ref: 'CASE-42' });
 */
export function useConversations(
  query: ConversationsQuery = {},
): ConversationsSnapshot & { readonly loadMore: () => Promise<void> } {
  const client = useSwitchboardClient();
  const { ref, q } = query;
  const view = useMemo(
    () =>
      isServer()
        ? null
        : client.conversations({ ...(ref !== undefined && { ref }), ...(q !== undefined && { q }) }),
    [client, ref, q],
  );
  const snapshot = useView(view, loadingConversations);
  const loadMore = useCallback(() => view?.loadMore() ?? Promise.resolve(), [view]);
  return { ...snapshot, loadMore };
}

/**
 * One live conversation: `{conversation, status, error}`; `id` null renders nothing yet.
 * @example
 * const { conversation } = useConversation(id);
 */
export function useConversation(id: string | null | undefined): ConversationSnapshot {
  const client = useSwitchboardClient();
  const view = useMemo(() => (isServer() || !id ? null : client.conversation(id)), [client, id]);
  return useView(view, loadingConversation);
}

/**
 * A conversation's live messages, oldest first, sends in flight last: `{messages, status, error,
 * hasOlder, loadOlder}`.
 * @example
 * const { messages, hasOlder, loadOlder } = useMessages(conversationId);
 */
export function useMessages(
  conversationId: string | null | undefined,
): MessagesSnapshot & { readonly loadOlder: () => Promise<void> } {
  const client = useSwitchboardClient();
  const view = useMemo(
    () => (isServer() || !conversationId ? null : client.messages(conversationId)),
    [client, conversationId],
  );
  const snapshot = useView(view, loadingMessages);
  const loadOlder = useCallback(() => view?.loadOlder() ?? Promise.resolve(), [view]);
  return { ...snapshot, loadOlder };
}

/**
 * Sending in one conversation: `send(body)` shows the message at once and returns
 * `{clientMessageId, done}`; `retry(message)` and `discard(message)` for failed ones; `uploadMedia`
 * for attachments.
 * @example
 * const { send } = useSendMessage(conversationId);
 * send({ type: 'text', text: { body: draft } });
 */
export function useSendMessage(conversationId: string | null | undefined): {
  readonly send: (body: SendMessageBody, options?: { clientMessageId?: string }) => SendHandle;
  readonly retry: (message: Message) => Promise<Message>;
  readonly discard: (message: Message) => boolean;
  /** Uploads a file for a media send (`onProgress(sent, total)`); resolves to `{id, …}`. */
  readonly uploadMedia: SwitchboardClient['uploadMedia'];
} {
  const client = useSwitchboardClient();
  return useMemo(
    () => ({
      send(body, options) {
        if (!conversationId) throw new Error('useSendMessage: no conversation to send in yet.');
        return client.send(conversationId, body, options);
      },
      retry: (message) => client.retry(message),
      discard: (message) => client.discard(message),
      uploadMedia: (file, options) => client.uploadMedia(file, options),
    }),
    [client, conversationId],
  );
}

export interface WindowState {
  /** Free-form messages may be sent (the customer wrote within 24 hours). */
  open: boolean;
  expiresAt: Date | null;
  /** Milliseconds left (0 when closed). */
  msLeft: number;
  /** Less than 4 hours left: time to answer, or to plan a template. */
  closingSoon: boolean;
}

const hour = 3_600_000;

/**
 * The 24-hour customer service window of a conversation, ticking: each second in the last hour,
 * each minute before.
 * @example
 * const { open, msLeft } = useWindow(conversation);
 */
export function useWindow(
  conversation: Pick<Conversation, 'windowExpiresAt'> | null | undefined,
): WindowState {
  const expires = conversation?.windowExpiresAt ? Date.parse(conversation.windowExpiresAt) : null;
  const [now, setNow] = useState(() => Date.now());
  const msLeft = expires === null ? 0 : Math.max(0, expires - now);
  useEffect(() => {
    // `now` may be stale when the window changes after a long quiet spell: correct it first.
    if (Date.now() - now > 1000) return setNow(Date.now());
    if (msLeft <= 0) return;
    const every = msLeft > hour ? 60_000 : 1000;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(every, msLeft));
    return () => clearTimeout(timer);
  }, [now, expires, msLeft]);
  return {
    open: msLeft > 0,
    expiresAt: expires === null ? null : new Date(expires),
    msLeft,
    closingSoon: msLeft > 0 && msLeft < 4 * hour,
  };
}
