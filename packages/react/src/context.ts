import type { SwitchboardClient } from '@switchboard/client';
import { createContext, useContext } from 'react';

export const ClientContext = createContext<SwitchboardClient | null>(null);

/** The client of the nearest `SwitchboardProvider`; throws outside one. */
export function useSwitchboardClient(): SwitchboardClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('Switchboard hooks need a <SwitchboardProvider client={…}> above them.');
  return client;
}

/** True while rendering on a server: hooks then report `connecting` and touch no network. */
export const isServer = (): boolean => typeof window === 'undefined';
