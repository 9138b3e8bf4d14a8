import type { ConnectionState } from '@switchboard/client';
import { useConnectionState } from '@switchboard/react';
import { useEffect, useState } from 'react';

const labels: Record<ConnectionState['status'], string> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  unauthorized: 'Signed out',
  closed: 'Signed out',
};

/** How long a drop from `live` may last before the indicator says so: a blip is not news. */
export const reconnectGraceMs = 2000;

/**
 * The connection in words (`role="status"`): `Live` only while the stream is live (the client's
 * watchdog turns a silent stream into `reconnecting`), `Reconnecting…` once a drop has lasted
 * longer than a short grace period, `Offline` and `Signed out` at once.
 */
export function ConnectionIndicator({ className }: { className?: string }) {
  const state = useConnectionState();
  const [shown, setShown] = useState<ConnectionState['status']>(state.status);

  useEffect(() => {
    if (state.status !== 'reconnecting' || shown !== 'live') {
      setShown(state.status);
      return;
    }
    const timer = setTimeout(() => setShown('reconnecting'), reconnectGraceMs);
    return () => clearTimeout(timer);
  }, [state.status, shown]);

  const label = labels[shown];
  const detail =
    shown === 'reconnecting' && state.status === 'reconnecting' && state.retryInMs
      ? ` (next try in ${Math.ceil(state.retryInMs / 1000)} s)`
      : '';
  return (
    <span role="status" className={`sb-connection ${className ?? ''}`} data-status={shown}>
      {label}
      {detail}
    </span>
  );
}
