import { useEffect, useRef } from 'react';
import { isServer, useSwitchboardClient } from './context.js';

/**
 * Tells the server that the agent has seen a conversation up to its newest customer message,
 * while `seen` is true and the page is visible (a thread open in a background tab is not read).
 * The server's `SWITCHBOARD_READ_RECEIPTS` policy decides whether the customer sees blue ticks:
 * seeing is not replying.
 * @example
 * useMarkRead(conversation.id, newestInbound?.id, { seen: threadIsOnScreen });
 */
export function useMarkRead(
  conversationId: string | null | undefined,
  upTo: string | null | undefined,
  options: { seen?: boolean } = {},
): void {
  const client = useSwitchboardClient();
  const seen = options.seen ?? true;
  const sent = useRef<string | null>(null);

  useEffect(() => {
    if (isServer() || !conversationId || !upTo || !seen) return;
    const key = `${conversationId}:${upTo}`;
    const mark = () => {
      if (document.visibilityState === 'hidden' || sent.current === key) return;
      sent.current = key;
      client.markRead(conversationId, upTo).catch(() => {
        sent.current = null; // try again on the next change or visibility
      });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [client, conversationId, upTo, seen]);
}
