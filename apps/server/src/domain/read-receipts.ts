/**
 * When the customer is shown blue ticks (`SWITCHBOARD_READ_RECEIPTS`, docs/inbox.md): an agent
 * seeing a message is Switchboard's business (the unread count), telling WhatsApp is a promise
 * to the customer.
 * - `on-read`: WhatsApp is told as soon as an agent reads the conversation (the default);
 * - `on-reply`: only once an agent answers, so that opening a chat never shows the customer
 *   "read" before anyone has replied;
 * - `never`: the customer never sees blue ticks from this business.
 */
export const readReceiptPolicies = ['on-read', 'on-reply', 'never'] as const;
export type ReadReceiptPolicy = (typeof readReceiptPolicies)[number];

/** Whether this moment (an agent reading, or an agent replying) tells the provider. */
export function tellsProvider(policy: ReadReceiptPolicy, moment: 'read' | 'reply'): boolean {
  if (policy === 'never') return false;
  return policy === 'on-read' ? moment === 'read' : moment === 'reply';
}
