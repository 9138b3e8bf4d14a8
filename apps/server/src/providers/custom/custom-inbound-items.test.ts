import { describe, expect, it } from 'vitest';
import { checkInboundBatch } from '../../domain/inbound-batch-schema.js';
import { customItemsToBatch } from './custom-inbound-items.js';

const at = 1_765_000_000_000;
const msg = (extra: Record<string, unknown>) => ({
  id: 'in-1',
  from: '+49 151 2345678',
  to: 'whatsapp:+4930901820',
  ...extra,
});

describe('customItemsToBatch', () => {
  it('maps each message kind to the domain shapes, numbers to digits, times to epoch ms', () => {
    const batch = checkInboundBatch(
      customItemsToBatch(
        [
          msg({ id: 'a', text: 'Hallo', timestamp: 1_765_000_001, profileName: 'Anna', replyTo: 'wamid.Q' }),
          msg({
            id: 'b',
            media: { url: 'https://files.example/1', mimeType: 'image/jpeg' },
            caption: 'Payslip',
            timestamp: '2026-12-08T10:00:00Z',
          }),
          msg({
            id: 'c',
            media: { url: 'https://files.example/2', mimeType: 'application/pdf', filename: 'c.pdf' },
          }),
          msg({ id: 'd', media: { url: 'https://files.example/3', mimeType: 'audio/ogg' } }),
          msg({ id: 'e', location: { latitude: 52.52, longitude: 13.4, name: 'Branch' } }),
          msg({ id: 'f', reaction: { emoji: '👍', messageId: 'wamid.OUR' } }),
          msg({ id: 'g', reaction: { emoji: '', messageId: 'wamid.OUR' } }),
          msg({ id: 'h', button: { text: 'Yes', payload: 'CONFIRM' }, timestamp: 1_765_000_002_000 }),
        ],
        undefined,
        at,
      ),
    );
    expect(batch.problems).toEqual([]);
    expect(batch.changes).toHaveLength(1);
    const change = batch.changes[0]!;
    expect(change.phoneNumberId).toBe('4930901820');
    expect(change.contacts).toEqual([expect.objectContaining({ waId: '491512345678', profileName: 'Anna' })]);
    const byId = Object.fromEntries(change.messages.map((m) => [m.providerMessageId, m]));
    expect(byId.a).toMatchObject({
      type: 'text',
      content: { body: 'Hallo' },
      timestamp: 1_765_000_001_000,
      from: { waId: '491512345678' },
      context: { providerMessageId: 'wamid.Q' },
    });
    expect(byId.b).toMatchObject({
      type: 'image',
      content: { caption: 'Payslip' },
      media: {
        url: 'https://files.example/1',
        providerMediaId: 'https://files.example/1',
        mimeType: 'image/jpeg',
      },
      timestamp: Date.parse('2026-12-08T10:00:00Z'),
    });
    expect(byId.c).toMatchObject({ type: 'document', content: { filename: 'c.pdf' }, timestamp: at });
    expect(byId.d).toMatchObject({ type: 'audio', content: { voice: true } });
    expect(byId.e).toMatchObject({
      type: 'location',
      content: { latitude: 52.52, longitude: 13.4, name: 'Branch' },
    });
    expect(byId.f).toMatchObject({
      type: 'reaction',
      content: { emoji: '👍' },
      targetProviderMessageId: 'wamid.OUR',
    });
    expect(byId.g).toMatchObject({ type: 'reaction', content: { emoji: null } });
    expect(byId.h).toMatchObject({
      type: 'button',
      content: { text: 'Yes', payload: 'CONFIRM' },
      timestamp: 1_765_000_002_000,
    });
  });

  it('keeps the good items of a batch and names each bad one as a problem', () => {
    const batch = checkInboundBatch(
      customItemsToBatch(
        [
          msg({ id: 'ok', text: 'fine' }),
          { id: 'x', from: 'nobody', to: '4930901820' },
          'not an object',
          msg({ id: '', text: 'no id' }),
        ],
        [
          { id: 'chp_1', status: 'delivered' },
          { id: 'chp_2', status: 'exploded', from: '4930901820' },
        ],
        at,
      ),
    );
    expect(batch.changes.flatMap((c) => c.messages).map((m) => m.providerMessageId)).toEqual(['ok']);
    expect(batch.problems).toEqual([
      expect.stringMatching(/^messages\[1\]: from: a phone number/),
      expect.stringMatching(/^messages\[2\]: /),
      expect.stringMatching(/^messages\[3\]: id: /),
      expect.stringMatching(/^statuses\[0\]: from: /),
      expect.stringMatching(/^statuses\[1\]: status: /),
    ]);
  });

  it('routes statuses by business number, keeps an id change, and makes a failure an error', () => {
    const batch = checkInboundBatch(
      customItemsToBatch(
        undefined,
        [
          {
            id: 'wamid.X',
            previousId: 'chp_1',
            status: 'sent',
            from: '+4930901820',
            to: '+491512345678',
            timestamp: 1_765_000_003,
          },
          { id: 'wamid.X', previousId: 'wamid.X', status: 'read', from: '4930901820' },
          {
            id: 'chp_2',
            status: 'failed',
            from: '4930555000',
            error: { code: 'RECIPIENT_BLOCKED', message: 'blocked' },
            reference: 'msg_1',
          },
        ],
        at,
      ),
    );
    expect(batch.changes.map((c) => c.phoneNumberId)).toEqual(['4930901820', '4930555000']);
    const [sent, read] = batch.changes[0]!.statuses;
    expect(sent).toMatchObject({
      providerMessageId: 'wamid.X',
      previousProviderMessageId: 'chp_1',
      timestamp: 1_765_000_003_000,
      recipient: { waId: '491512345678' },
    });
    expect(read).toMatchObject({ previousProviderMessageId: null, timestamp: at });
    expect(batch.changes[1]!.statuses[0]).toMatchObject({
      status: 'failed',
      error: { code: 'RECIPIENT_BLOCKED', message: 'blocked', retryable: false },
      bizOpaqueCallbackData: 'msg_1',
    });
  });

  it('says a webhook had nothing for it when the expressions found nothing', () => {
    expect(customItemsToBatch(undefined, [], at)).toEqual({
      changes: [],
      ignored: [{ reason: 'the expressions found no messages or statuses in this webhook' }],
      problems: [],
    });
  });
});
