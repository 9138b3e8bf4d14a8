import type { Message } from '@switchboard/protocol';
import { dayKey } from '../format.js';
import { effectTypes } from '../message/message-summary.js';

export interface ThreadRow {
  readonly message: Message;
  /** The first message of a calendar day gets a date separator above it. */
  readonly startsDay: boolean;
}

/**
 * The rows a thread shows: messages without the effects (reactions, edits and deletions change
 * the message they point at instead of showing on their own), each day opened by a separator.
 */
export function threadRows(messages: readonly Message[]): ThreadRow[] {
  const rows: ThreadRow[] = [];
  let day = '';
  for (const message of messages) {
    if (effectTypes.has(message.type)) continue;
    const key = dayKey(message.createdAt);
    rows.push({ message, startsDay: key !== day });
    day = key;
  }
  return rows;
}
