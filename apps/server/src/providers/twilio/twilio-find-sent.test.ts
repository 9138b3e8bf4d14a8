import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundSend } from '../provider.js';
import { startFakeTwilio, type FakeTwilio } from './test-support/fake-twilio.js';
import { TwilioProvider } from './twilio-provider.js';

let twilio: FakeTwilio;
let provider: TwilioProvider;
beforeAll(async () => {
  twilio = await startFakeTwilio({});
  provider = new TwilioProvider({
    apiUrl: twilio.url,
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: twilio.from,
    statusCallback: null,
    mediaLink: (id) => `http://127.0.0.1:1/${id}`,
    mediaLinkTtlMs: 1000,
  });
});
afterAll(async () => {
  provider.close();
  await twilio.close();
});

const text = (to: string, body: string): OutboundSend => ({
  to,
  body: { type: 'text', text: { body } },
  messageId: 'msg_find',
  replyToProviderMessageId: null,
  reactionTargetProviderMessageId: null,
  providerMediaId: null,
});

describe('TwilioProvider.findSent', () => {
  it('names the messages that may be an earlier attempt, by customer, text and time, oldest first', async () => {
    const since = Date.now() - 1000;
    const first = await provider.send(text('4915000009001', 'Ihre Unterlagen sind da.'));
    const second = await provider.send(text('4915000009001', 'Ihre Unterlagen sind da.'));
    expect(first.kind).toBe('accepted');
    const firstId = first.kind === 'accepted' ? first.providerMessageId : '';
    const secondId = second.kind === 'accepted' ? second.providerMessageId : '';
    const send = text('4915000009001', 'Ihre Unterlagen sind da.');
    await expect(provider.findSent(send, { since })).resolves.toEqual([firstId, secondId]);
  });

  it('finds nothing for another text, another customer, a send older than the message, or a template', async () => {
    const since = Date.now() - 1000;
    await provider.send(text('4915000009002', 'Guten Tag'));
    await expect(provider.findSent(text('4915000009002', 'Guten Abend'), { since })).resolves.toEqual([]);
    await expect(provider.findSent(text('4915000009003', 'Guten Tag'), { since })).resolves.toEqual([]);
    await expect(
      provider.findSent(text('4915000009002', 'Guten Tag'), { since: Date.now() + 5000 }),
    ).resolves.toEqual([]);
    const template: OutboundSend = {
      ...text('4915000009002', ''),
      body: { type: 'template', template: { name: 'loan_update', language: { code: 'en' } } },
      providerTemplateId: `HX${'a'.repeat(32)}`,
    };
    await expect(provider.findSent(template, { since })).resolves.toEqual([]);
  });
});
