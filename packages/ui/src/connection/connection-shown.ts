import type { ConnectionState } from '@switchboard/client';

/** What the indicator can say: the connection's status, with `live` split while it catches up. */
export type ShownConnection = ConnectionState['status'] | 'catching-up';

/**
 * The connection as the indicator sees it: live but still replaying what was missed (the cursor
 * below the head the server had when the stream opened) is `catching-up`, not plain `live`.
 */
export function connectionShown(state: ConnectionState): ShownConnection {
  const behind = state.cursor !== null && state.head !== null && state.cursor < state.head;
  return state.status === 'live' && behind ? 'catching-up' : state.status;
}
