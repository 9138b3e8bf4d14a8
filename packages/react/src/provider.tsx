import type { SwitchboardClient } from '@switchboard/client';
import type { ReactNode } from 'react';
import { ClientContext } from './context.js';

/**
 * Makes a client available to the hooks below it. Create the client once, outside render (at
 * module level, or in `useState(() => createClient(…))`): the provider neither creates nor closes
 * it, so StrictMode's double mounts and hot reloads keep one stream.
 * @example
 * const client = createClient({ url, getToken });
 * root.render(<SwitchboardProvider client={client}><CasePage /></SwitchboardProvider>);
 */
export function SwitchboardProvider(props: { client: SwitchboardClient; children?: ReactNode }) {
  return <ClientContext.Provider value={props.client}>{props.children}</ClientContext.Provider>;
}
