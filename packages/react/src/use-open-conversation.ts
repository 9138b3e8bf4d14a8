import type { Conversation } from '@switchboard/client';
import { useEffect, useState } from 'react';
import { isServer, useSwitchboardClient } from './context.js';

export interface OpenConversationState {
  readonly conversation: Conversation | null;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: Error | null;
}

/**
 * Finds or creates the conversation with `phone` under the case `ref` (`POST /v1/conversations`),
 * once per phone and ref: a case page shows its customer's conversation even before either side
 * has written.
 * @example
 * const { conversation } = useOpenConversation({ phone: '+49 151 23456789', ref: 'CASE-1001' });
 */
export function useOpenConversation(input: {
  phone: string;
  ref?: string;
  channelId?: string;
}): OpenConversationState {
  const client = useSwitchboardClient();
  const { phone, ref, channelId } = input;
  const key = `${phone}\n${ref ?? ''}\n${channelId ?? ''}`;
  const [state, setState] = useState<{ key: string; value: OpenConversationState } | null>(null);

  useEffect(() => {
    if (isServer()) return;
    let current = true;
    client
      .openConversation({
        phone,
        ...(ref !== undefined && { ref }),
        ...(channelId !== undefined && { channelId }),
      })
      .then(
        (conversation) => current && setState({ key, value: { conversation, status: 'ready', error: null } }),
        (error: unknown) =>
          current &&
          setState({
            key,
            value: {
              conversation: null,
              status: 'error',
              error: error instanceof Error ? error : new Error(String(error)),
            },
          }),
      );
    return () => {
      current = false;
    };
  }, [client, key, phone, ref, channelId]);

  return state?.key === key ? state.value : { conversation: null, status: 'loading', error: null };
}
