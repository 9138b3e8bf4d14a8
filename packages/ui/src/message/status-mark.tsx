import type { Message } from '@switchboard/protocol';
import { statusKind, statusLabel } from './status-label.js';

const tick = 'M1.5 6.5 4.5 9.5 10.5 2.5';
const secondTick = 'M6.5 9.5 7.5 9.5 13.5 2.5';

/**
 * An outbound message's mark as WhatsApp draws it: a clock while pending, ✓ sent, ✓✓ delivered,
 * blue ✓✓ read (and played), a red ! when failed. It is an image with an accessible name, and it
 * only changes when the server reports a new status.
 */
export function StatusMark({ message }: { message: Pick<Message, 'status' | 'error' | 'direction'> }) {
  if (message.direction !== 'outbound') return null;
  const kind = statusKind(message.status);
  const label = statusLabel(message);
  if (!kind || !label) return null;
  return (
    <span className="sb-status" data-status={kind} role="img" aria-label={label} title={label}>
      <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true" focusable="false">
        {kind === 'pending' && (
          <g fill="none" stroke="currentColor" strokeWidth="1.3">
            <circle cx="7" cy="6" r="4.8" />
            <path d="M7 3.2V6l2 1.4" />
          </g>
        )}
        {kind === 'failed' && (
          <g fill="currentColor">
            <circle cx="7" cy="6" r="5.5" />
            <path d="M6.3 2.8h1.4v4H6.3zM6.3 7.8h1.4v1.4H6.3z" fill="#fff" />
          </g>
        )}
        {kind !== 'pending' && kind !== 'failed' && (
          <g fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            <path d={tick} />
            {kind !== 'sent' && <path d={secondTick} />}
          </g>
        )}
      </svg>
    </span>
  );
}
