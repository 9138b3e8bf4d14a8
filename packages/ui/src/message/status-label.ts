import type { Message } from '@switchboard/protocol';
import { failureReason } from './failure-reason.js';

export type StatusKind = 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** How WhatsApp draws an outbound status: a clock until WhatsApp has it, then ticks. */
export function statusKind(status: Message['status']): StatusKind | null {
  switch (status) {
    case 'queued':
    case 'sending':
    case 'accepted':
      return 'pending';
    case 'sent':
    case 'delivered':
    case 'read':
    case 'played':
    case 'failed':
      return status;
    default:
      return null;
  }
}

const words: Record<StatusKind, string> = {
  pending: 'Pending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  played: 'Played',
  failed: 'Failed',
};

/** The mark's accessible name (product.md): `Pending`, `Sent`, … or `Failed: <reason>`. */
export function statusLabel(message: Pick<Message, 'status' | 'error'>): string | null {
  const kind = statusKind(message.status);
  if (!kind) return null;
  if (kind !== 'failed') return words[kind];
  const reason = failureReason(message);
  return `Failed: ${reason?.summary ?? 'the message could not be sent.'}`;
}
