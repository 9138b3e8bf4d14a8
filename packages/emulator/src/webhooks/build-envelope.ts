import type { WebhookContact, WebhookEnvelope, WebhookEntry, WebhookValue } from '@switchboard/whatsapp';
import type { WebhookEvent } from './webhook-event.js';

/**
 * The body of one webhook POST carrying `events`, in Meta's envelope:
 * `{"object":"whatsapp_business_account","entry":[{"id":WABA,"changes":[{"value","field":"messages"}]}]}`.
 *
 * Several events (a batch) are merged the way Meta batches: one entry per WABA; within it, events of
 * the same business number and kind share one `value` (messages appended, senders in `contacts`
 * listed once; statuses appended); otherwise each gets its own change. A receiver must therefore
 * iterate every entry, change, message and status (docs/whatsapp-cloud-api.md §2).
 */
export function buildEnvelope(events: readonly WebhookEvent[]): WebhookEnvelope {
  const entries: WebhookEntry[] = [];
  for (const event of events) {
    let entry = entries.find((e) => e.id === event.wabaId);
    if (!entry) {
      entry = { id: event.wabaId, changes: [] };
      entries.push(entry);
    }
    const kind = kindOf(event.value);
    const target = entry.changes.find(
      (c) =>
        c.field === 'messages' &&
        kindOf(c.value as WebhookValue) === kind &&
        (c.value as WebhookValue).metadata.phone_number_id === event.value.metadata.phone_number_id,
    );
    if (target && kind !== 'errors') merge(target.value as WebhookValue, event.value);
    else entry.changes.push({ value: copyValue(event.value), field: 'messages' });
  }
  return { object: 'whatsapp_business_account', entry: entries };
}

function kindOf(value: WebhookValue): 'messages' | 'statuses' | 'errors' {
  if (value.messages) return 'messages';
  if (value.statuses) return 'statuses';
  return 'errors';
}

function copyValue(value: WebhookValue): WebhookValue {
  const copy: WebhookValue = { ...value };
  if (value.contacts) copy.contacts = [...value.contacts];
  if (value.messages) copy.messages = [...value.messages];
  if (value.statuses) copy.statuses = [...value.statuses];
  return copy;
}

function merge(into: WebhookValue, from: WebhookValue): void {
  if (from.messages) into.messages = [...(into.messages ?? []), ...from.messages];
  if (from.statuses) into.statuses = [...(into.statuses ?? []), ...from.statuses];
  if (from.contacts) {
    const contacts: WebhookContact[] = [...(into.contacts ?? [])];
    for (const contact of from.contacts) {
      if (!contacts.some((c) => c.wa_id === contact.wa_id)) contacts.push(contact);
    }
    into.contacts = contacts;
  }
}
