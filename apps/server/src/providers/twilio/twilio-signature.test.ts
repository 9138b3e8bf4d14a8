import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

/**
 * The algorithm as Twilio's security page states it, written again here on purpose (sorted
 * [name, value] pairs, joined, HMAC-SHA1, base64), so that a mistake in the adapter's version
 * cannot hide in both.
 */
function independentSignature(token: string, url: string, form: [string, string][]): string {
  const sorted = [...form].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const data = url + sorted.map(([k, v]) => `${k}${v}`).join('');
  return createHmac('sha1', Buffer.from(token, 'utf8')).update(Buffer.from(data, 'utf8')).digest('base64');
}

describe("Twilio's request signature", () => {
  it("matches the example of Twilio's own documentation", () => {
    const params = new URLSearchParams({
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675309',
      Digits: '1234',
      From: '+14158675309',
      To: '+18005551212',
    });
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(twilioSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature('RSOYDt4T1cUTdK1PDd93/VVr8B8=', ['12345'], url, params)).toBe(true);
  });

  it('agrees with an independent implementation for any parameters (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uniqueArray(fc.tuple(name, fc.string()), { selector: ([k]) => k, maxLength: 12 }),
        (token, form) => {
          const url = 'https://switchboard.bank.example/webhooks/twilio';
          expect(twilioSignature(token, url, new URLSearchParams(form))).toBe(
            independentSignature(token, url, form),
          );
        },
      ),
    );
  });

  it('refuses a changed parameter, another URL, another token, and a missing header', () => {
    const url = 'https://switchboard.bank.example/webhooks/twilio';
    const params = new URLSearchParams({ MessageSid: 'SM1', Body: 'Hallo', From: 'whatsapp:+4915112345678' });
    const signature = twilioSignature('auth-token-1', url, params);
    expect(verifyTwilioSignature(signature, ['other', 'auth-token-1'], url, params)).toBe(true);
    const changed = new URLSearchParams(params);
    changed.set('Body', 'Hallo!');
    expect(verifyTwilioSignature(signature, ['auth-token-1'], url, changed)).toBe(false);
    expect(verifyTwilioSignature(signature, ['auth-token-1'], `${url}?x=1`, params)).toBe(false);
    expect(verifyTwilioSignature(signature, ['auth-token-2'], url, params)).toBe(false);
    expect(verifyTwilioSignature(undefined, ['auth-token-1'], url, params)).toBe(false);
    expect(verifyTwilioSignature(signature, [], url, params)).toBe(false);
  });
});
