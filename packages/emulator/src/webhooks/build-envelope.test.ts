import type { WebhookValue } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { buildEnvelope } from './build-envelope.js';

const metadata = (id: string) => ({ display_phone_number: '1555', phone_number_id: id });
const message = (from: string, id: string): WebhookValue => ({
  messaging_product: 'whatsapp',
  metadata: metadata('1'),
  contacts: [{ profile: { name: from }, wa_id: from }],
  messages: [{ from, id, timestamp: '1', type: 'text', text: { body: id } }],
});
const status = (phoneNumberId: string, id: string): WebhookValue => ({
  messaging_product: 'whatsapp',
  metadata: metadata(phoneNumberId),
  statuses: [{ id, status: 'sent', timestamp: '1', recipient_id: '2' }],
});

describe('buildEnvelope', () => {
  it('wraps one event in one entry and one change', () => {
    expect(buildEnvelope([{ wabaId: 'W', value: status('1', 'a') }])).toEqual({
      object: 'whatsapp_business_account',
      entry: [{ id: 'W', changes: [{ value: status('1', 'a'), field: 'messages' }] }],
    });
  });

  it('merges a batch like Meta: per WABA an entry, per number and kind a value', () => {
    const envelope = buildEnvelope([
      { wabaId: 'W', value: message('111', 'm1') },
      { wabaId: 'W', value: message('111', 'm2') },
      { wabaId: 'W', value: message('222', 'm3') },
      { wabaId: 'W', value: status('1', 's1') },
      { wabaId: 'W', value: status('9', 's2') },
      { wabaId: 'X', value: status('1', 's3') },
    ]);
    expect(envelope.entry.map((e) => e.id)).toEqual(['W', 'X']);
    const [messages, statuses, other] = envelope.entry[0]!.changes.map((c) => c.value as WebhookValue);
    expect(messages!.messages!.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(messages!.contacts!.map((c) => c.wa_id)).toEqual(['111', '222']);
    expect(statuses!.statuses!.map((s) => s.id)).toEqual(['s1']);
    expect(other!.statuses!.map((s) => s.id)).toEqual(['s2']);
  });

  it('does not mutate the events it merges', () => {
    const first = message('111', 'm1');
    buildEnvelope([
      { wabaId: 'W', value: first },
      { wabaId: 'W', value: message('111', 'm2') },
    ]);
    expect(first.messages).toHaveLength(1);
  });
});
