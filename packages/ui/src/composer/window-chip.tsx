import type { WindowState } from '@switchboard/react';
import { formatDateTime, formatDuration } from '../format.js';

/**
 * The 24-hour customer service window: green while open, amber in its last 4 hours, red when
 * closed; the absolute time is always there, not only on hover.
 */
export function WindowChip({ window }: { window: WindowState }) {
  if (!window.expiresAt) {
    return <span className="sb-chip sb-chip-danger">No window: the customer has not written yet</span>;
  }
  const at = formatDateTime(window.expiresAt);
  if (!window.open) return <span className="sb-chip sb-chip-danger">Window closed since {at}</span>;
  return (
    <span className={`sb-chip ${window.closingSoon ? 'sb-chip-warn' : 'sb-chip-ok'}`}>
      Window open: {formatDuration(window.msLeft)} left (until {at})
    </span>
  );
}
