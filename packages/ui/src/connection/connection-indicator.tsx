import type { ConnectionState } from '@switchboard/client';
import { useConnectionState } from '@switchboard/react';
import { useEffect, useState } from 'react';
import { connectionShown, type ShownConnection } from './connection-shown.js';

/** How long a drop from `live`, or a replay of missed events, may last before it is said: a blip is not news. */
export const reconnectGraceMs = 2000;

const labels: Record<ShownConnection, string> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  live: 'Live',
  'catching-up': 'Live · catching up…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  unauthorized: 'Signed out',
  closed: 'Signed out',
};

/**
 * The connection in words (`role="status"`): `Live` only while the stream is live (the client's
 * watchdog turns a silent stream into `reconnecting`); `Reconnecting…` once a drop has lasted
 * longer than a short grace period, and `Live · catching up…` once a replay of what was missed
 * has; `Offline` and `Signed out` at once.
 */
export function ConnectionIndicator({ className }: { className?: string }) {
  const state = useConnectionState();
  const now = connectionShown(state);
  const [shown, setShown] = useState<ShownConnection>(now);

  useEffect(() => {
    const graced =
      (now === 'reconnecting' && shown === 'live') || (now === 'catching-up' && shown !== 'catching-up');
    if (!graced) {
      setShown(now);
      return;
    }
    const timer = setTimeout(() => setShown(now), reconnectGraceMs);
    return () => clearTimeout(timer);
  }, [now, shown]);

  return (
    <span role="status" className={`sb-connection ${className ?? ''}`} data-status={shown}>
      {labels[shown]}
      {retryDetail(shown, state)}
    </span>
  );
}

function retryDetail(shown: ShownConnection, state: ConnectionState): string {
  return shown === 'reconnecting' && state.status === 'reconnecting' && state.retryInMs
    ? ` (next try in ${Math.ceil(state.retryInMs / 1000)} s)`
    : '';
}
