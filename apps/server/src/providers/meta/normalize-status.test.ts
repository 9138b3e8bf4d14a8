import type { WebhookStatus } from '@switchboard/whatsapp';
import { describe, expect, it } from 'vitest';
import { normalizeMetaWebhook } from './normalize-webhook.js';
import { customerWaId, fixedNow, statusWebhook, wamid } from './test-payloads.js';

function statuses(...items: WebhookStatus[]) {
  return normalizeMetaWebhook(statusWebhook(...items), { now: () => fixedNow });
}

const conversation = {
  id: 'f1a0e2c07c5e0e8e8b4e0b2c3f1d6a9b',
  expiration_timestamp: '1750116073',
  origin: { type: 'marketing' },
};
const pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } as const;

describe('normalizeMetaWebhook: statuses', () => {
  it('sent, with pricing, conversation and callback data', () => {
    const id = wamid();
    const batch = statuses({
      id,
      status: 'sent',
      timestamp: '1750030073',
      recipient_id: customerWaId,
      biz_opaque_callback_data: 'order-42',
      conversation,
      pricing,
    });
    expect(batch.problems).toEqual([]);
    expect(batch.changes[0]!.statuses).toEqual([
      {
        providerMessageId: id,
        status: 'sent',
        timestamp: 1_750_030_073_000,
        recipient: { waId: customerWaId, userId: null },
        error: null,
        pricing: { ...pricing, conversation },
        bizOpaqueCallbackData: 'order-42',
      },
    ]);
  });

  it('delivered with pricing only (v24+ omits conversation), read and played without either', () => {
    const id = wamid();
    const batch = statuses(
      { id, status: 'delivered', timestamp: '1750030074', recipient_id: customerWaId, pricing },
      { id, status: 'read', timestamp: '1750030075', recipient_id: customerWaId },
      {
        id,
        status: 'played',
        timestamp: '1750030076',
        recipient_id: customerWaId,
        recipient_user_id: 'US.1349120865530',
      },
    );
    const [delivered, read, played] = batch.changes[0]!.statuses;
    expect(delivered).toMatchObject({ status: 'delivered', pricing: { ...pricing, conversation: null } });
    expect(read).toMatchObject({ status: 'read', pricing: null, error: null, timestamp: 1_750_030_075_000 });
    expect(played).toMatchObject({
      status: 'played',
      recipient: { waId: customerWaId, userId: 'US.1349120865530' },
    });
  });

  it('failed carries the first error, with its retryability', () => {
    const id = wamid();
    const batch = statuses({
      id,
      status: 'failed',
      timestamp: '1751142888',
      recipient_id: customerWaId,
      errors: [
        {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          message: 'This message was not delivered to maintain healthy ecosystem engagement.',
          error_data: {
            details:
              'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
          },
          href: '/documentation/business-messaging/whatsapp/support/error-codes',
        },
        { code: 131000, title: 'Something went wrong' },
      ],
    });
    expect(batch.changes[0]!.statuses[0]).toMatchObject({
      status: 'failed',
      pricing: null,
      error: {
        code: 131049,
        title: 'This message was not delivered to maintain healthy ecosystem engagement.',
        message: 'This message was not delivered to maintain healthy ecosystem engagement.',
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
        retryable: false,
      },
    });
  });

  it('a failure with only a code borrows the title from the code table', () => {
    const batch = statuses({
      id: wamid(),
      status: 'failed',
      timestamp: '1751142888',
      errors: [{ code: 130429 } as never],
    });
    expect(batch.changes[0]!.statuses[0]!.error).toEqual({
      code: 130429,
      title: 'Rate limit hit',
      message: 'Rate limit hit',
      details: null,
      retryable: true,
    });
  });

  it('a failure without errors gets a stand-in error', () => {
    const batch = statuses({ id: wamid(), status: 'failed', timestamp: '1751142888' });
    expect(batch.changes[0]!.statuses[0]!.error).toMatchObject({ code: 'unknown', retryable: false });
  });

  it('skips statuses without an id or with an unknown value, keeping the rest', () => {
    const id = wamid();
    const batch = statuses(
      { status: 'sent', timestamp: '1' } as never,
      { id: wamid(), status: 'deleted', timestamp: '1' } as never,
      { id, status: 'delivered', timestamp: 'soon' },
    );
    expect(batch.changes[0]!.statuses).toHaveLength(1);
    expect(batch.changes[0]!.statuses[0]).toMatchObject({ providerMessageId: id, timestamp: fixedNow });
    expect(batch.problems).toHaveLength(2);
    expect(batch.problems[1]).toMatch(/value\.statuses\[1\].*unknown status value/);
  });
});
