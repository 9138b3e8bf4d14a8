import type { MessageStatus } from './message.js';

/**
 * The order in which statuses may replace each other: a status with a higher rank wins, a lower
 * or equal one changes nothing (Meta delivers statuses late, twice and out of order).
 * `failed` outranks sent/delivered (a failure reported after a send is the truth), while `read`
 * and `played` outrank `failed`: a message the customer read was delivered, whatever came before.
 */
export const statusRank: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  sending: 1,
  accepted: 2,
  received: 3,
  sent: 3,
  delivered: 4,
  failed: 5,
  read: 6,
  played: 7,
};

/** Whether `next` may replace `current`. */
export function statusAdvances(current: MessageStatus, next: MessageStatus): boolean {
  return statusRank[next] > statusRank[current];
}
