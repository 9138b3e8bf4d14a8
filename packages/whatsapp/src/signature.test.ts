import { describe, expect, it } from 'vitest';
import { metaJsonStringify } from './meta-json.js';
import { signMetaPayload, verifyMetaSignature } from './signature.js';

const secret = 'test-app-secret';
const body = '{"object":"whatsapp_business_account"}';
const expected = 'sha256=b6978b21c4467654c466607663db9b43fae44b71083568df403e0a077089208e';

describe('signMetaPayload', () => {
  it('matches the documented test vector for strings and buffers', () => {
    expect(signMetaPayload(body, secret)).toBe(expected);
    expect(signMetaPayload(Buffer.from(body), secret)).toBe(expected);
  });
});

describe('verifyMetaSignature', () => {
  const raw = Buffer.from(body);

  it('accepts the right signature', () => {
    expect(verifyMetaSignature(raw, expected, [secret])).toBe(true);
  });

  it('accepts a signature made with any of several secrets (rotation)', () => {
    expect(verifyMetaSignature(raw, expected, ['new-secret', secret])).toBe(true);
    expect(verifyMetaSignature(raw, expected, [secret, 'new-secret'])).toBe(true);
  });

  it('rejects a wrong secret, a changed body, or no secrets at all', () => {
    expect(verifyMetaSignature(raw, expected, ['other-secret'])).toBe(false);
    expect(verifyMetaSignature(Buffer.from(body + ' '), expected, [secret])).toBe(false);
    expect(verifyMetaSignature(raw, expected, [])).toBe(false);
    expect(verifyMetaSignature(raw, signMetaPayload(raw, ''), [''])).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without prefix', expected.slice('sha256='.length)],
    ['sha1 prefix', expected.replace('sha256=', 'sha1=')],
    ['too short', expected.slice(0, -2)],
    ['too long', expected + '00'],
    ['non-hex', expected.slice(0, -1) + 'g'],
    ['prefix only', 'sha256='],
    ['whitespace', ` ${expected}`],
  ])('rejects a malformed header (%s) without throwing', (_name, header) => {
    expect(verifyMetaSignature(raw, header, [secret])).toBe(false);
  });

  it('verifies a body with emoji only over the Meta-escaped bytes', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { text: { body: 'Olá 😀' } } }] }],
    };
    const wire = Buffer.from(metaJsonStringify(payload));
    expect(wire.toString()).toContain('Ol\\u00e1 \\ud83d\\ude00');
    const header = signMetaPayload(wire, secret);
    expect(verifyMetaSignature(wire, header, [secret])).toBe(true);

    // A gateway that parses and re-serializes gets raw UTF-8 bytes, and the HMAC no longer matches.
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(wire.toString())));
    expect(reserialized.equals(wire)).toBe(false);
    expect(verifyMetaSignature(reserialized, header, [secret])).toBe(false);
  });
});
