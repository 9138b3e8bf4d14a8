import { describe, expect, it } from 'vitest';
import { normalizeMetaWebhook } from './normalize-webhook.js';
import { customer, from, value, wabaId, wamid, webhook } from './test-payloads.js';

const text = (body: string) => ({ ...from(), type: 'text' as const, text: { body } });
const sent = () => ({ id: wamid(), status: 'sent' as const, timestamp: '1750030073', recipient_id: '1' });

describe('normalizeMetaWebhook: envelope', () => {
  it('keeps every message and status of 2 entries × 2 changes, merged per business number', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: wabaId,
          changes: [
            {
              field: 'messages',
              value: value({ contacts: [customer], messages: [text('a'), text('b'), text('c')] }),
            },
            { field: 'messages', value: value({ statuses: [sent(), sent()] }, 'number-2') },
          ],
        },
        {
          id: '902390239023902',
          changes: [
            { field: 'messages', value: value({ statuses: [sent(), sent(), sent()] }) },
            {
              field: 'messages',
              value: value({ contacts: [customer], messages: [text('d'), text('e')] }, 'number-2'),
            },
          ],
        },
      ],
    };
    const batch = normalizeMetaWebhook(payload);
    expect(batch.problems).toEqual([]);
    expect(batch.ignored).toEqual([]);
    expect(batch.changes.map((c) => c.phoneNumberId)).toEqual(['106540352242922', 'number-2']);
    const [first, second] = batch.changes;
    expect(first!.messages.map((m) => m.content['body'])).toEqual(['a', 'b', 'c']);
    expect(first!.statuses).toHaveLength(3);
    expect(second!.messages.map((m) => m.content['body'])).toEqual(['d', 'e']);
    expect(second!.statuses).toHaveLength(2);
    expect(first!.displayPhoneNumber).toBe('15550783881');
    const ids = payload.entry.flatMap((e) =>
      e.changes.flatMap((c) => [...(c.value.messages ?? []), ...(c.value.statuses ?? [])].map((x) => x.id)),
    );
    const seen = batch.changes.flatMap((c) => [
      ...c.messages.map((m) => m.providerMessageId),
      ...c.statuses.map((s) => s.providerMessageId),
    ]);
    expect(seen.sort()).toEqual(ids.sort());
  });

  it('reads change-level errors (value.errors) next to messages', () => {
    const payload = webhook(
      value({
        contacts: [customer],
        messages: [text('x')],
        errors: [
          {
            code: 131000,
            title: 'Something went wrong',
            message: 'Something went wrong',
            error_data: { details: 'Unsupported webhook payload' },
          },
          { code: 130429, title: 'Rate limit hit' },
        ],
      }),
    );
    const change = normalizeMetaWebhook(payload).changes[0]!;
    expect(change.messages).toHaveLength(1);
    expect(change.errors).toEqual([
      {
        code: 131000,
        title: 'Something went wrong',
        message: 'Something went wrong',
        details: 'Unsupported webhook payload',
        retryable: true,
      },
      { code: 130429, title: 'Rate limit hit', message: 'Rate limit hit', details: null, retryable: true },
    ]);
  });

  it('ignores objects other than whatsapp_business_account', () => {
    expect(normalizeMetaWebhook({ object: 'page', entry: [] })).toEqual({
      changes: [],
      ignored: [{ reason: 'object "page" is not whatsapp_business_account' }],
      problems: [],
    });
    expect(normalizeMetaWebhook({ entry: [] }).ignored).toEqual([
      { reason: 'object missing is not whatsapp_business_account' },
    ]);
  });

  it('ignores fields other than messages, and still reads the rest', () => {
    const payload = webhook(value({ messages: [text('kept')] }));
    payload.entry[0]!.changes.unshift(
      { field: 'message_template_status_update', value: { event: 'APPROVED' } },
      { field: 'smb_message_echoes', value: { message_echoes: [] } },
    );
    const batch = normalizeMetaWebhook(payload);
    expect(batch.ignored).toEqual([
      { reason: 'field not handled', field: 'message_template_status_update' },
      { reason: 'field not handled', field: 'smb_message_echoes' },
    ]);
    expect(batch.changes[0]!.messages).toHaveLength(1);
  });

  it('reports a messages change without a phone_number_id', () => {
    const payload = webhook(value({ messages: [text('lost')] }));
    (payload.entry[0]!.changes[0]!.value.metadata as { phone_number_id: unknown }).phone_number_id =
      106540352242922;
    const batch = normalizeMetaWebhook(payload);
    expect(batch.changes).toEqual([]);
    expect(batch.problems).toEqual([
      'entry[0].changes[0]: messages change without a string metadata.phone_number_id; not routable, skipped',
    ]);
  });

  it.each([null, 42, 'text', [], [{ object: 'whatsapp_business_account' }]])(
    'reports a payload that is not an object (%j)',
    (payload) => {
      expect(normalizeMetaWebhook(payload)).toEqual({
        changes: [],
        ignored: [],
        problems: ['payload is not a JSON object'],
      });
    },
  );

  it('reports malformed containers and keeps going', () => {
    const batch = normalizeMetaWebhook({
      object: 'whatsapp_business_account',
      entry: [
        null,
        { changes: 'nope' },
        { changes: [7, { field: 'messages', value: { metadata: { phone_number_id: 'p' }, messages: {} } }] },
      ],
    });
    expect(batch.problems).toEqual([
      'entry[0]: changes is not an array',
      'entry[1]: changes is not an array',
      'entry[2].changes[0]: change is not an object',
      'entry[2].changes[1]: value.messages is not an array',
    ]);
    expect(batch.changes).toEqual([
      { phoneNumberId: 'p', displayPhoneNumber: null, contacts: [], messages: [], statuses: [], errors: [] },
    ]);
  });

  it('caps the list of problems', () => {
    const messages = Array.from({ length: 1000 }, () => ({ type: 'text' }));
    const batch = normalizeMetaWebhook(webhook(value({ messages } as never)));
    expect(batch.problems).toHaveLength(201);
    expect(batch.problems.at(-1)).toBe('… and 800 more problems');
  });
});
