import { describe, expect, it } from 'vitest';
import { normalizeTwilioWebhook } from './normalize-twilio-webhook.js';
import { twilioRefOf, withTwilioRef } from './twilio-ref.js';

const status =
  'MessageSid=SM1&MessageStatus=sent&From=whatsapp%3A%2B14155238886&To=whatsapp%3A%2B4915112345678';
const url = (query: string) => `https://switchboard.example/webhooks/twilio${query}`;

describe('the reference in a Twilio status callback URL', () => {
  it('is stored with the form and read back as the status callback data', () => {
    const stored = withTwilioRef(Buffer.from(status), url('?sbref=msg_01JABCDEF'));
    expect(stored.toString()).toBe(`${status}&SwitchboardRef=msg_01JABCDEF`);
    const batch = normalizeTwilioWebhook(new URLSearchParams(stored.toString()), Date.now());
    expect(batch.changes[0]!.statuses[0]!.bizOpaqueCallbackData).toBe('msg_01JABCDEF');
  });

  it('takes nothing but one of our message ids, and leaves other webhooks as they came', () => {
    for (const query of [
      '',
      '?other=1',
      '?sbref=',
      '?sbref=not-ours',
      `?sbref=msg_${'x'.repeat(100)}`,
      '?sbref=msg_a%26b%3D1',
    ]) {
      expect(withTwilioRef(Buffer.from(status), url(query)).toString()).toBe(status);
    }
    // A form's own SwitchboardRef field that is not ours does not count; the receiver's comes last.
    expect(twilioRefOf(new URLSearchParams('SwitchboardRef=evil'))).toBeNull();
    expect(twilioRefOf(new URLSearchParams('SwitchboardRef=evil&SwitchboardRef=msg_1'))).toBe('msg_1');
  });
});
