import { describe, expect, it } from 'vitest';
import { checkInboundBatch } from '../../domain/inbound-batch-schema.js';
import { normalizeTwilioWebhook, whatsappDigits } from './normalize-twilio-webhook.js';

const at = 1_765_000_000_000;
const normalize = (form: Record<string, string>) =>
  checkInboundBatch(normalizeTwilioWebhook(new URLSearchParams(form), at));
const incoming = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: 'whatsapp:+4915112345678',
  To: 'whatsapp:+14155238886',
  WaId: '4915112345678',
  ProfileName: 'Anna Weber',
  SmsStatus: 'received',
  NumMedia: '0',
};

describe('normalizeTwilioWebhook', () => {
  it('reads an incoming text for the business number in To, with the contact', () => {
    const batch = normalize({ ...incoming, Body: 'Hallo <b>' });
    expect(batch.changes).toHaveLength(1);
    expect(batch.changes[0]).toMatchObject({
      phoneNumberId: '14155238886',
      contacts: [{ waId: '4915112345678', profileName: 'Anna Weber' }],
      messages: [
        {
          providerMessageId: incoming.MessageSid,
          from: { waId: '4915112345678', userId: null },
          timestamp: at,
          type: 'text',
          content: { body: 'Hallo <b>' },
          context: null,
        },
      ],
      statuses: [],
    });
  });

  it('reads media, locations, button replies, replies to our messages and referrals', () => {
    const image = normalize({
      ...incoming,
      Body: 'My payslip',
      NumMedia: '1',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
    }).changes[0]!.messages[0]!;
    expect(image).toMatchObject({
      type: 'image',
      content: { caption: 'My payslip' },
      media: {
        providerMediaId: expect.stringContaining('/Media/ME1'),
        mimeType: 'image/jpeg',
        url: expect.any(String),
      },
    });
    const voice = normalize({
      ...incoming,
      NumMedia: '1',
      MediaUrl0: 'https://x/ME2',
      MediaContentType0: 'audio/ogg',
    });
    expect(voice.changes[0]!.messages[0]).toMatchObject({ type: 'audio', content: { voice: true } });
    const place = normalize({
      ...incoming,
      Latitude: '52.52',
      Longitude: '13.405',
      Label: 'Branch',
      Address: 'Berlin',
    });
    expect(place.changes[0]!.messages[0]).toMatchObject({
      type: 'location',
      content: { latitude: 52.52, longitude: 13.405, name: 'Branch', address: 'Berlin' },
    });
    const button = normalize({ ...incoming, Body: 'Yes', ButtonText: 'Yes', ButtonPayload: 'confirm' });
    expect(button.changes[0]!.messages[0]).toMatchObject({
      type: 'button',
      content: { text: 'Yes', payload: 'confirm' },
    });
    const reply = normalize({ ...incoming, Body: 'ok', OriginalRepliedMessageSid: 'SMours' });
    expect(reply.changes[0]!.messages[0]!.context).toEqual({
      providerMessageId: 'SMours',
      from: null,
      referredProduct: null,
    });
    const ad = normalize({
      ...incoming,
      Body: 'Hi',
      ReferralSourceUrl: 'https://fb.me/ad',
      ReferralSourceType: 'ad',
      ReferralCtwaClid: 'clid',
    });
    expect(ad.changes[0]!.messages[0]!.referral).toMatchObject({
      sourceUrl: 'https://fb.me/ad',
      sourceType: 'ad',
      ctwaClid: 'clid',
    });
  });

  it('reads status callbacks for the business number in From, failures with their code and class', () => {
    const status = (MessageStatus: string, extra: Record<string, string> = {}) =>
      normalize({
        MessageSid: 'SMout1',
        MessageStatus,
        From: 'whatsapp:+14155238886',
        To: 'whatsapp:+4915112345678',
        ...extra,
      });
    for (const [twilio, ours] of [
      ['sent', 'sent'],
      ['delivered', 'delivered'],
      ['read', 'read'],
    ] as const) {
      expect(status(twilio).changes[0]).toMatchObject({
        phoneNumberId: '14155238886',
        statuses: [
          { providerMessageId: 'SMout1', status: ours, recipient: { waId: '4915112345678' }, error: null },
        ],
      });
    }
    expect(status('undelivered', { ErrorCode: '63016' }).changes[0]!.statuses[0]).toMatchObject({
      status: 'failed',
      error: { code: 63016, retryable: false },
    });
    expect(status('failed', { ErrorCode: '63018' }).changes[0]!.statuses[0]!.error).toMatchObject({
      code: 63018,
      retryable: true,
    });
    expect(status('queued')).toMatchObject({
      changes: [],
      ignored: [{ reason: 'status queued (before sent)' }],
    });
    expect(status('exploded').problems).toEqual(['unknown MessageStatus "exploded"']);
  });

  it('reports what it cannot read instead of failing', () => {
    expect(normalize({ Body: 'no sid' }).problems).toEqual(['the webhook has no MessageSid']);
    expect(normalize({ MessageSid: 'SM1', From: '+4915', To: 'sms:+1' }).problems).toEqual([
      'an incoming message needs whatsapp: From and To addresses',
    ]);
    expect(whatsappDigits('whatsapp:+4915112345678')).toBe('4915112345678');
    expect(whatsappDigits('+4915112345678')).toBeNull();
  });
});
