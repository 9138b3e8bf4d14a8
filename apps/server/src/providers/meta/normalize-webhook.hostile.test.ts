import { describe, expect, it } from 'vitest';
import { normalizeSafely } from './safe-batch.js';
import { from, inbound, statusWebhook, value, webhook } from './test-payloads.js';

describe('normalizeMetaWebhook with hostile sizes', () => {
  const depth = 20_000;
  const deepArray = (): unknown => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };
  const deepObject = (): unknown => {
    let v: unknown = {};
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };
  const huge = 'x'.repeat(2 * 1024 * 1024);

  it('survives 20,000-deep nesting in every kept-as-is place', () => {
    const payload = webhook(
      value({
        messages: [
          { ...from(), type: 'text', text: deepArray() as never },
          { ...from(), type: 'poll', poll: deepObject() } as never,
          { ...from(), type: 'contacts', contacts: [deepObject(), { name: deepArray() }] as never },
          { ...from(), type: 'interactive', interactive: { type: 'x', x: deepArray() } as never },
          {
            ...from(),
            type: 'interactive',
            interactive: {
              type: 'nfm_reply',
              nfm_reply: { response_json: '['.repeat(depth) + ']'.repeat(depth) },
            },
          },
          {
            ...from(),
            type: 'edit',
            edit: { original_message_id: 'o', message: { type: 'y', y: deepObject() } } as never,
          },
          { ...from(), type: 'system', system: { type: 't' }, identity: deepObject() } as never,
        ],
        errors: [deepObject()] as never,
      }),
      value({
        statuses: [
          {
            id: 'w',
            status: 'sent',
            timestamp: '1',
            pricing: deepObject(),
            conversation: deepArray(),
          } as never,
        ],
      }),
    );
    const batch = normalizeSafely(payload);
    expect(batch.changes[0]!.messages).toHaveLength(7);
    expect(batch.changes[0]!.statuses).toHaveLength(1);
    expect(JSON.stringify(batch).length).toBeLessThan(200_000);
  });

  it('parses a 20,000-deep body from its raw JSON text', () => {
    const raw = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"p"},"messages":[{"id":"m","type":"text","text":${'['.repeat(depth)}${']'.repeat(depth)}}]}}]}]}`;
    const batch = normalizeSafely(JSON.parse(raw));
    expect(batch.changes[0]!.messages[0]!.type).toBe('unsupported');
  });

  it('keeps a 2 MB text body and bounds a 2 MB string it keeps as-is', () => {
    const payload = inbound({ ...from(), type: 'text', text: { body: huge } });
    const kept = normalizeSafely(payload).changes[0]!.messages[0]!;
    expect(kept.content['body']).toHaveLength(huge.length);

    const odd = normalizeSafely(inbound({ ...from(), type: 'sticker', sticker: { blob: huge } } as never));
    expect(JSON.stringify(odd).length).toBeLessThan(20_000);

    const asType = normalizeSafely(inbound({ ...from(), type: huge } as never));
    expect(asType.changes[0]!.messages[0]!.type).toBe('unsupported');
    expect(normalizeSafely(statusWebhook({ id: huge, status: 'read', timestamp: huge })).problems).toEqual(
      [],
    );
  });
});
