import type { Message } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { failureReason } from './failure-reason.js';
import { statusLabel } from './status-label.js';

const error = (code: string | number, retryable: boolean, message = 'x'): Message['error'] => ({
  code,
  title: 'title',
  message,
  details: null,
  retryable,
});

describe('status marks and failure reasons', () => {
  it('names each status as product.md fixes it', () => {
    const label = (status: Message['status']) => statusLabel({ status, error: null });
    expect(['queued', 'sending', 'accepted'].map((s) => label(s as Message['status']))).toEqual([
      'Pending',
      'Pending',
      'Pending',
    ]);
    expect(label('sent')).toBe('Sent');
    expect(label('delivered')).toBe('Delivered');
    expect(label('read')).toBe('Read');
    expect(label('played')).toBe('Played');
    expect(label('received')).toBeNull();
  });

  it('says why a message failed, in plain words, and whether a template or a retry helps', () => {
    const closed = failureReason({ status: 'failed', error: error(131047, false) })!;
    expect(closed).toMatchObject({ code: '131047', needsTemplate: true, retryable: false });
    expect(statusLabel({ status: 'failed', error: error(131047, false) })).toBe(
      'Failed: More than 24 hours have passed since the customer last wrote.',
    );
    const undeliverable = failureReason({ status: 'failed', error: error(131026, false) })!;
    expect(undeliverable.summary).toMatch(/could not deliver/);
    expect(undeliverable.needsTemplate).toBe(false);
    expect(failureReason({ status: 'failed', error: error('window_closed', false) })!.needsTemplate).toBe(
      true,
    );
    expect(failureReason({ status: 'failed', error: error(131000, true) })!.retryable).toBe(true);
  });

  it('falls back to the provider’s own words for a code it does not know', () => {
    const reason = failureReason({ status: 'failed', error: error(999, false, 'Something odd happened') })!;
    expect(reason.summary).toBe('Something odd happened.');
    expect(reason.code).toBe('999');
    expect(failureReason({ status: 'sent', error: null })).toBeNull();
  });
});
