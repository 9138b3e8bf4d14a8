import type { SwitchboardError, Template } from '@switchboard/client';
import { useEffect, useState } from 'react';
import { isServer, useSwitchboardClient } from './context.js';

export interface TemplatesState {
  readonly templates: readonly Template[];
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: SwitchboardError | Error | null;
}

const loading: TemplatesState = { templates: [], status: 'loading', error: null };

/**
 * The approved templates of a channel (what may be sent once the 24-hour window has closed),
 * loaded when first needed; `enabled: false` defers the request.
 * @example
 * const { templates } = useTemplates(conversation.channelId, { enabled: !window.open });
 */
export function useTemplates(
  channelId: string | null | undefined,
  options: { enabled?: boolean } = {},
): TemplatesState {
  const client = useSwitchboardClient();
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ key: string; value: TemplatesState } | null>(null);
  const key = channelId ?? '';

  useEffect(() => {
    if (isServer() || !enabled || !channelId) return;
    let current = true;
    client.templates({ channelId }).then(
      (templates) =>
        current && setState({ key: channelId, value: { templates, status: 'ready', error: null } }),
      (error: unknown) =>
        current &&
        setState({
          key: channelId,
          value: {
            templates: [],
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [client, channelId, enabled]);

  return state?.key === key ? state.value : loading;
}
